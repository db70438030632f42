package io.sluice.connectors.jdbc;

/**
 * A statement's data context whose placeholder values can change while it runs: a
 * {@link DependentJoin} sets the keys of its next batch before it opens the batch's query,
 * which reads them when it binds its parameters.
 */
public interface BatchParameters {
    /** Sets placeholder {@code ?index} of the statement's compiled code. */
    void setParameter(int index, Object value);
}
