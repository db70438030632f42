/**
 * The audit log: one record per statement, hash-chained, with signed checkpoints.
 *
 * <h2>Wiring (the engine's side)</h2>
 * <pre>
 *   AuditLog log = AuditLog.open(config.audit());              // at start-up; fails if the log is damaged
 *   AuditRecord r = AuditRecord.builder(queryId, user, sql)
 *       .groups(groups).client(Client.of(address, application, "postgresql")).kind("select")
 *       .table("sales.public.people", List.of("email", "id"))
 *       .policy(new PolicySummary(decisionId, bundleRevision, rules, tablePolicies))
 *       .fragment(Fragment.of(fragmentRun)).rows(n).bytes(b).durationMs(ms)
 *       .build();                                               // or .error(Outcome.DENIED, "42501", message)
 *   log.append(r).whenComplete((seq, failure) -> {              // never blocks: fine on the event loop
 *       // on the channel's executor: failure == null ? CommandComplete : ErrorResponse (statement refused)
 *   });
 *   log.close();                                                // at shutdown: writes a closing checkpoint
 * </pre>
 *
 * <h2>On disk</h2>
 * {@code audit-YYYY-MM-DD-NNNN.jsonl} (UTC day, counter from 0001), one JSON object per line,
 * canonical form as {@link io.sluice.gateway.audit.AuditJson} describes; {@code audit.head} (a copy
 * of the latest checkpoint line); {@code audit-signing.key} (PKCS#8 PEM, mode 0600) and
 * {@code audit-signing.pub.pem} (SubjectPublicKeyInfo PEM) unless configured elsewhere.
 * Line kinds: statement records; {@code "event":"checkpoint"} (reason start, rotation, interval or
 * close; signed); {@code "event":"recovered"} (a torn tail cut off at restart). All lines share
 * one {@code seq} sequence and one hash chain.
 *
 * <h2>What verification proves, and what it cannot</h2>
 * Without the private key nobody can edit, remove, insert or reorder lines up to the last
 * signed checkpoint, nor remove whole files, without {@code audit verify} naming the place. Lines
 * after the last checkpoint (at most {@code checkpoint_every} lines or {@code checkpoint_interval})
 * are protected by the chain only: they can be cut off the end undetected. Someone who can
 * replace {@code audit.head} with an older signed head and also delete the newer files rolls the
 * log back undetected; keep a copy of the head (or ship lines) elsewhere if that matters.
 * Someone holding the private key can rewrite everything: keep it outside the audit directory
 * and compare the key id {@code audit verify} prints with the one recorded at installation.
 */
package io.sluice.gateway.audit;
