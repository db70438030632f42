package io.sluice.gateway.audit.bench;

import io.sluice.gateway.audit.AuditLog;
import io.sluice.gateway.audit.AuditRecord;
import io.sluice.gateway.audit.AuditRecord.ColumnMask;
import io.sluice.gateway.audit.AuditRecord.Fragment;
import io.sluice.gateway.audit.AuditRecord.PolicySummary;
import io.sluice.gateway.audit.AuditRecord.RowFilter;
import io.sluice.gateway.audit.AuditRecord.TablePolicy;
import io.sluice.gateway.audit.AuditSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What auditing adds to one statement: build a realistic record (one table, policy with a
 * filter and a mask, one fragment), append it and wait until it is written (and forced, with
 * fsync on). Sample mode; {@code p0.50} is the median quoted in the README. {@code append8}
 * runs eight statements at once to show group commit sharing one fsync. Run as described in
 * gateway/README or policies/README ("Performance"), class {@code AuditBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBenchmark {
    @Param({"false", "true"})
    public boolean fsync;

    private Path dir;
    private AuditLog log;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sluice-audit-bench");
        log = AuditLog.open(AuditSettings.defaults(dir).withFsync(fsync));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private AuditRecord record() {
        long id = ids.incrementAndGet();
        return AuditRecord.builder("q_" + id, "ana",
                        "select p.email, p.region, count(*) from sales.public.people p join sales.public.support_tickets t "
                                + "on t.person_id = p.id where p.country = 'DE' group by p.email, p.region")
                .groups(List.of("analysts"))
                .client(AuditRecord.Client.of("127.0.0.1", "psql", "postgresql"))
                .table("sales.public.people", List.of("email", "region", "country", "id"))
                .table("sales.public.support_tickets", List.of("person_id"))
                .policy(new PolicySummary("d_" + id, "rev-7", List.of("analysts_read", "pii_email", "eu_only"),
                        List.of(new TablePolicy("sales.public.people",
                                List.of(new RowFilter("eu_only", "region = user_attribute('region')")),
                                List.of(new ColumnMask("email", "email_domain", "pii_email"))))))
                .fragment(new Fragment("sales", "SELECT ... FROM \"public\".\"people\" JOIN ...", 120, 4))
                .rows(120).bytes(9000).durationMs(6)
                .build();
    }

    @Benchmark
    public long append() {
        return log.append(record()).join();
    }

    @Benchmark
    @Threads(8)
    public long append8() {
        return log.append(record()).join();
    }
}
