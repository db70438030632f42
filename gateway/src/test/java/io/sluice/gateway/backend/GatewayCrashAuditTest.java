package io.sluice.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.audit.AuditKeys;
import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.audit.AuditVerifier;
import io.sluice.gateway.audit.VerifyReport;
import io.sluice.gateway.auth.ScramVerifier;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's bar: the gateway is killed with SIGKILL while 8 clients run statements in a loop;
 * after a restart the audit chain verifies and every statement a client saw complete has its
 * record. The gateway runs as its own process ({@code sluice serve}), exactly as deployed.
 */
class GatewayCrashAuditTest {
    private static final int CLIENTS = 8;
    private static final String PASSWORD = "crash-" + UUID.randomUUID();

    @Test
    void everyStatementAClientSawCompleteSurvivesSigkill() throws Exception {
        DemoDatabases db = SharedDemoDatabases.get();
        Path dir = SharedDemoDatabases.testWorkRoot().resolve("crash-" + UUID.randomUUID());
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, """
                work_dir: %s
                listener: {host: 127.0.0.1, port: %d, tls: disabled}
                users:
                  crash: {scram: "%s", groups: [admins], attributes: {}}
                sources:
                  sales: {type: postgresql, url: "%s", user: %s, password: "%s"}
                audit: {dir: %s}
                """.formatted(dir, port, ScramVerifier.generate(PASSWORD), db.postgresJdbcUrl(), db.user(),
                db.password(), dir.resolve("audit")));

        Set<String> completed = ConcurrentHashMap.newKeySet();
        Process gateway = serve(config, dir.resolve("gateway-1.log"));
        try {
            awaitListening(port, gateway);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> loop(port, client, stop, completed));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (completed.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no closing checkpoint
            gateway.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            gateway.destroyForcibly();
        }
        assertThat(completed).as("statements completed before the kill").hasSizeGreaterThanOrEqualTo(200);

        // Restart: the gateway repairs a torn last line on open, serves, and shuts down cleanly.
        Process restarted = serve(config, dir.resolve("gateway-2.log"));
        try {
            awaitListening(port, restarted);
            try (Connection connection = connect(port); Statement st = connection.createStatement()) {
                st.executeQuery("select 1 /* after-restart */").close();
            }
        } finally {
            restarted.destroy(); // SIGTERM: the shutdown hook closes the log with a checkpoint
            restarted.waitFor(60, TimeUnit.SECONDS);
        }

        AuditSettings audit = AuditSettings.defaults(dir.resolve("audit"));
        VerifyReport report = AuditVerifier.verify(audit.directory(), AuditKeys.readPublicKey(audit.publicKey()));
        assertThat(report.ok()).as(report.toString()).isTrue();
        List<String> recorded = recordedSql(audit.directory());
        assertThat(recorded).anyMatch(sql -> sql.contains("after-restart"));
        List<String> missing = completed.stream()
                .filter(marker -> recorded.stream().noneMatch(sql -> sql.contains(marker))).toList();
        assertThat(missing).as("completed statements without an audit record").isEmpty();
    }

    private static void loop(int port, int client, AtomicBoolean stop, Set<String> completed) {
        try (Connection connection = connect(port); Statement st = connection.createStatement()) {
            for (int i = 0; !stop.get(); i++) {
                String marker = "crash-c" + client + "-s" + i + "-";
                try (ResultSet rs = st.executeQuery(
                        "select count(*) from sales.orders where o_orderkey < " + (i + 1) + " /* " + marker + " */")) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
                completed.add(marker);
            }
        } catch (SQLException e) {
            // The gateway was killed under this client: expected.
        }
    }

    private static Connection connect(int port) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "crash");
        props.setProperty("password", PASSWORD);
        props.setProperty("sslmode", "disable");
        props.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/sluice", props);
    }

    private static Process serve(Path config, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.sluice.gateway.cli.SluiceCli", "serve", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("gateway process is running").isTrue();
            try (Connection ignored = connect(port)) {
                return;
            } catch (SQLException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the gateway did not start listening on " + port);
    }

    private static List<String> recordedSql(Path auditDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> sql = new ArrayList<>();
        try (Stream<Path> files = Files.list(auditDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = json.readTree(line);
                    if (node.has("query_id")) {
                        sql.add(node.path("sql").asText());
                    }
                }
            }
        }
        return sql;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
