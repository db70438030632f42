package io.sluice.gateway.audit;

import io.sluice.gateway.audit.AuditRecord.ColumnMask;
import io.sluice.gateway.audit.AuditRecord.Fragment;
import io.sluice.gateway.audit.AuditRecord.Outcome;
import io.sluice.gateway.audit.AuditRecord.PolicySummary;
import io.sluice.gateway.audit.AuditRecord.RowFilter;
import io.sluice.gateway.audit.AuditRecord.TablePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Records and helpers shared by the audit tests. */
final class AuditFixtures {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private AuditFixtures() {}

    /** A full statement record: every field set, so a round trip exercises all of them. */
    static AuditRecord full(int i) {
        return AuditRecord.builder("q_" + i, i % 2 == 0 ? "ana" : "uma",
                        "select email, region from sales.public.people where id = " + i)
                .time(T0.plusSeconds(i))
                .groups(List.of("analysts"))
                .client(AuditRecord.Client.of("127.0.0.1", "psql", "postgresql"))
                .kind("select")
                .table("sales.public.people", List.of("email", "id", "region"))
                .policy(new PolicySummary("d_" + i, "rev-7", List.of("analysts_read", "pii_email", "eu_only"),
                        List.of(new TablePolicy("sales.public.people",
                                List.of(new RowFilter("eu_only", "region = user_attribute('region')")),
                                List.of(new ColumnMask("email", "email_domain", "pii_email"))))))
                .fragment(new Fragment("sales", "SELECT \"email\", \"region\" FROM \"public\".\"people\"", 1, 3))
                .rows(1)
                .bytes(42)
                .durationMs(5)
                .build();
    }

    static AuditRecord denied(int i, String user) {
        return AuditRecord.builder("q_d" + i, user, "select national_id from sales.public.people")
                .time(T0.plusSeconds(i))
                .table("sales.public.people", List.of("national_id"))
                .error(Outcome.DENIED, "42501", "permission denied for column national_id")
                .build();
    }

    static AuditSettings settings(Path dir) {
        return AuditSettings.defaults(dir).withFsync(false);
    }

    /** Writes n records and closes the log. */
    static void write(AuditSettings settings, Clock clock, int n) {
        try (AuditLog log = AuditLog.open(settings, clock)) {
            List<java.util.concurrent.CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                futures.add(log.append(full(i)));
            }
            futures.forEach(java.util.concurrent.CompletableFuture::join);
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void rewrite(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static VerifyReport verify(AuditSettings settings) {
        return AuditVerifier.verify(settings.directory(), AuditKeys.readPublicKey(settings.publicKey()));
    }

    /** A clock the test moves by hand, to cross midnight without waiting. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
