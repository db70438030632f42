/**
 * The PostgreSQL v3 wire protocol, served by {@link io.sluice.gateway.wire.PgServer} on Netty,
 * in front of a small backend interface that the SQL engine implements:
 *
 * <pre>
 *  SessionFactory.open(SessionContext)                        ─▶ Session        (one per authenticated connection)
 *  Session.prepare(sql, declared parameter type OIDs)          ─▶ PreparedQuery  (parameter types, result Columns)
 *  Session.execute(PreparedQuery, parameter values, max rows)  ─▶ RowCursor      (pull: fetch(n) until empty, close)
 *  Session.cancel()                                             (CancelRequest / statement timeout on the client)
 *  errors: PgException(SQLSTATE, message, position, detail, hint)
 * </pre>
 *
 * Values crossing the interface are plain Java objects, one per column, of the class the
 * column's {@link io.sluice.gateway.wire.types.PgType} documents (Boolean, Short, Integer, Long,
 * Float, Double, BigDecimal, String, LocalDate, LocalTime, LocalDateTime, OffsetDateTime,
 * {@link io.sluice.gateway.wire.types.PgInterval}, UUID, byte[], JSON as String, List for arrays).
 *
 * <p>The wire layer itself answers BEGIN/COMMIT/ROLLBACK, SET/SHOW/RESET/DISCARD (kept in the
 * {@link io.sluice.gateway.wire.SessionContext}), splits multi-statement simple queries, and turns
 * {@code COPY (query) TO STDOUT} into a prepare/execute of the inner query. Everything else is
 * the backend's; backend calls never run on a Netty event loop.
 *
 * <p>Sub-packages: {@code message} (sealed frontend/backend message records), {@code codec}
 * (frame decoder and encoder), {@code types} (the PgType registry), {@code server} (the
 * connection pipeline: start-up, authentication, query protocol).
 */
package io.sluice.gateway.wire;
