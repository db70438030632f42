/**
 * What a running statement costs, measured from inside its plan: the memory its buffering
 * operators hold (hash tables, sorts, windows), checked against the statement's limit and the
 * gateway's pool, and, for EXPLAIN ANALYZE, the rows and time of every operator.
 *
 * <pre>
 *   Sort ── MeteredInput(charge) ── input     rows charged to {@link io.sluice.gateway.metering.StatementMemory}
 *   HashJoin ─┬─ probe input                  as the sort or the build side takes them in
 *             └─ MeteredInput(charge) ── build input
 * </pre>
 */
package io.sluice.gateway.metering;
