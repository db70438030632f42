package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A demo process killed with SIGKILL leaves both database servers running on its data directories; the
 * next start must stop those orphans itself and reuse the data instead of failing on locked directories.
 */
class OrphanedServersTest {

    /** Run in a child JVM: start the demo databases, say so, and wait to be killed. */
    public static final class StartAndWait {
        public static void main(String[] args) throws InterruptedException {
            DemoDatabases.start(new DemoSettings(Path.of(args[0]), 0.01, 0, 0, false));
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    @Test
    void startStopsServersOrphanedByAKilledProcess() throws Exception {
        Path workDir = SharedDemoDatabases.testWorkRoot().resolve("demo-orphan");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartAndWait.class.getName(), workDir.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(waitForReady(child)).as("child demo process started its databases").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long orphanedPostgres = pid(workDir.resolve("postgres/data/postmaster.pid"));
        long orphanedMariaDb = pid(workDir.resolve("mariadb/data/mariadbd.pid"));
        assertThat(ProcessHandle.of(orphanedPostgres).map(ProcessHandle::isAlive)).as("postgres survived").contains(true);
        assertThat(ProcessHandle.of(orphanedMariaDb).map(ProcessHandle::isAlive)).as("mariadbd survived").contains(true);

        try (DemoDatabases demo = DemoDatabases.start(new DemoSettings(workDir, 0.01, 0, 0, false))) {
            assertThat(demo.loadReport().reusedEverything()).isTrue();
            assertThat(ProcessHandle.of(orphanedPostgres).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(ProcessHandle.of(orphanedMariaDb).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(DemoDatabasesTest.queryLong(DriverManager.getConnection(demo.postgresJdbcUrl(),
                    demo.user(), demo.password()), "SELECT count(*) FROM people")).isEqualTo(PeopleGenerator.PEOPLE);
        }
    }

    private static boolean waitForReady(Process child) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.equals("READY")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static long pid(Path pidFile) throws Exception {
        List<String> lines = Files.readAllLines(pidFile);
        return Long.parseLong(lines.getFirst().strip());
    }
}
