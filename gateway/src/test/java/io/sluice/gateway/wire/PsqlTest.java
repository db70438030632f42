package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.wire.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real {@code psql} against PgServer; skipped (with a message) when psql is not installed. */
@Timeout(60)
class PsqlTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String psql;

    @BeforeAll
    static void start() {
        psql = findPsql();
        Assumptions.assumeTrue(psql != null, "psql is not on PATH: skipping the psql tests");
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String findPsql() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(p, "psql");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        System.out.println("psql is not on PATH: skipping the psql tests");
        return null;
    }

    record Result(int exitCode, String out, String err) {}

    private Result run(String password, String sslmode, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(psql, "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", TestServer.USER, "-d", "shop", "-v", "ON_ERROR_STOP=1"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", password);
        env.put("PGSSLMODE", sslmode);
        env.put("PGCONNECT_TIMEOUT", "10");
        env.remove("PGSERVICE");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void queriesOverPlaintextAndTls() throws Exception {
        for (String sslmode : List.of("disable", "require")) {
            Result r = run(TestServer.PASSWORD, sslmode, "-A", "-t", "-c", "SELECT 1; SELECT * FROM numbers(3)");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("1\n1|row 1\n2|row 2\n3|row 3\n");
        }
    }

    @Test
    void tableOutputWithTypes() throws Exception {
        Result r = run(TestServer.PASSWORD, "prefer", "-c", "SELECT * FROM types");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2024-02-29", "1 year 2 mons 3 days 01:06:45.006", "{1,2,3}", "{x,NULL,\"y z\"}", "\\x6279746573", "(1 row)");
    }

    @Test
    void backslashCopyToAFile() throws Exception {
        Path file = dir.resolve("numbers.csv");
        Result r = run(TestServer.PASSWORD, "disable", "-c", "\\copy (SELECT * FROM numbers(5)) to '" + file + "' with (format csv, header)");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("COPY 5");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("id,label\n1,row 1\n").endsWith("5,row 5\n");
    }

    @Test
    void errorsAndTransactions() throws Exception {
        Result r = run(TestServer.PASSWORD, "disable", "-c", "BEGIN; SELEKT 1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("syntax error at or near \"SELEKT\"");
        Result show = run(TestServer.PASSWORD, "disable", "-q", "-A", "-t", "-c", "SET TimeZone = 'Europe/Paris'; SHOW TimeZone");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).isEqualTo("Europe/Paris\n");
        // timestamptz text is shown in the session's TimeZone (2024-01-02 03:04:05 UTC is 04:04:05 in Paris)
        Result tz = run(TestServer.PASSWORD, "disable", "-q", "-A", "-t", "-c", "SET TimeZone = 'Europe/Paris'; SELECT * FROM types");
        assertThat(tz.out()).contains("2024-01-02 04:04:05+01");
    }

    @Test
    void wrongPassword() throws Exception {
        Result r = run("nope", "disable", "-c", "SELECT 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("password authentication failed for user \"ana\"");
    }
}
