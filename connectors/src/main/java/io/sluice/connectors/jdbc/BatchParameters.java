package io.sluice.connectors.jdbc;

/**
 * A statement's data context whose values can change while it runs: a {@link DependentJoin}
 * sets the keys of its next batch before it opens the batch's query, which reads them when it
 * binds its parameters, and a {@link KeyFilteredProbe} finds the build rows it filters by there.
 * Batches may run on other threads, so implementations are thread-safe.
 */
public interface BatchParameters {
    /** Sets placeholder {@code ?index} of the statement's compiled code. */
    void setParameter(int index, Object value);

    /** Makes {@code value} readable under {@code name} by the statement's other operators. */
    void share(String name, Object value);
}
