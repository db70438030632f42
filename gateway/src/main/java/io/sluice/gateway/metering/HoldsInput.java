package io.sluice.gateway.metering;

/** An operator of Sluice's own that keeps its (single) input's rows in memory, to be charged for them. */
public interface HoldsInput {
    /** What the rows are to the statement, for the message when they are too many (e.g. "a sort"). */
    String heldAs();
}
