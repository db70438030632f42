package io.sluice.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ten million rows through the engine in a JVM whose heap could not hold them: 10M rows as
 * Java objects take well over a gigabyte, and a PostgreSQL driver that buffered the whole
 * result would need about half that. The probe runs with 256 MB and must finish with the exact
 * count and sum, so rows must stream from the source, through the engine, to the caller.
 */
class StreamingTest {
    private static final long ROWS = 10_000_000L;

    @Test
    void tenMillionRowsStreamThroughASmallHeap() throws Exception {
        DemoDatabases databases = SharedDemoDatabases.get();
        try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
             Statement statement = admin.createStatement()) {
            statement.execute("create schema if not exists scratch_stream");
            statement.execute("create or replace view scratch_stream.big as"
                    + " select g::bigint as id from generate_series(1, " + ROWS + ") g");
            statement.execute("grant usage on schema scratch_stream to " + databases.user());
            statement.execute("grant select on scratch_stream.big to " + databases.user());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-Duser.timezone=UTC",
                "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(),
                databases.postgresJdbcUrl(), databases.user(), databases.password(),
                "select id, id * 2 as twice from big.big"))
                .redirectErrorStream(true)
                .start();
        boolean finished = probe.waitFor(5, TimeUnit.MINUTES);
        String output = read(probe);
        if (!finished) {
            probe.destroyForcibly();
        }
        assertThat(finished).as("probe finished; output: " + output).isTrue();
        assertThat(probe.exitValue()).as("probe exit code; output: " + output).isZero();
        assertThat(output).contains("rows=" + ROWS + " sum=" + (ROWS * (ROWS + 1)));
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
