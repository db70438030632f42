package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.auth.ScramVerifier;
import io.sluice.gateway.backend.Gateway;
import io.sluice.gateway.config.ListenerConfig;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import io.sluice.gateway.tls.TlsMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What every client-compatibility test needs: one gateway over the shared demo databases (ephemeral port,
 * TLS optional, a SCRAM user with a password), the reference database to compute expected answers, and a
 * way to run a real client as a subprocess with the connection passed through environment variables.
 */
final class ClientHarness implements AutoCloseable {
    static final String USER = "client_tester";
    /** Debian's own Python, which has the python3-* client packages (not the pyenv python first on PATH). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final ObjectMapper JSON = new ObjectMapper();

    final DemoDatabases databases;
    final Gateway gateway;
    private final String password;

    private ClientHarness(DemoDatabases databases, Gateway gateway, String password) {
        this.databases = databases;
        this.gateway = gateway;
        this.password = password;
    }

    static ClientHarness start() {
        DemoDatabases databases = SharedDemoDatabases.get();
        String password = "pw-" + UUID.randomUUID();
        SluiceConfig config = DemoEngines.config(databases)
                .withListener(new ListenerConfig("127.0.0.1", 0, TlsMode.OPTIONAL, Optional.empty(), Optional.empty()))
                .withUsers(List.of(new UserConfig(USER, ScramVerifier.generate(password), List.of("analysts"),
                        Map.of("region", "EU"))));
        return new ClientHarness(databases, Gateway.start(config), password);
    }

    String password() {
        return password;
    }

    int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** Connection parameters for the client scripts (libpq-style names plus the SLUICE_* ones the scripts read). */
    Map<String, String> connectionEnv(String sslmode) {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_HOST", "127.0.0.1");
        env.put("SLUICE_PORT", Integer.toString(port()));
        env.put("SLUICE_USER", USER);
        env.put("SLUICE_PASSWORD", password());
        env.put("SLUICE_DATABASE", "sluice");
        env.put("SLUICE_SSLMODE", sslmode);
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(port()));
        env.put("PGUSER", USER);
        env.put("PGPASSWORD", password());
        env.put("PGDATABASE", "sluice");
        env.put("PGSSLMODE", sslmode);
        return env;
    }

    // ---------------------------------------------------------------- expected answers

    /** Rows of a query on the reference database (all eight TPC-H tables), every value as a canonical string. */
    List<List<String>> reference(String sql, Object... parameters) {
        return query(databases.referenceJdbcUrl(), sql, parameters);
    }

    /** Rows of a query on the demo's PostgreSQL {@code sales} database itself (for its non-TPC-H tables). */
    List<List<String>> salesSource(String sql, Object... parameters) {
        return query(databases.postgresJdbcUrl(), sql, parameters);
    }

    private List<List<String>> query(String url, String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(url, databases.user(), databases.password());
             PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(canonical(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reference query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The string form the client scripts print: plain decimals, ISO dates, trimmed-free text. */
    static String canonical(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case Timestamp t -> t.toLocalDateTime().toString();
            default -> value.toString();
        };
    }

    /** A client's JSON rows (arrays of scalars) as canonical strings, comparable with {@link #reference}. */
    static List<List<String>> rows(Iterable<JsonNode> rows) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : row) {
                values.add(v.isNull() ? null : v.asText());
            }
            out.add(values);
        }
        return out;
    }

    // ---------------------------------------------------------------- running clients

    record Run(List<String> command, int exitCode, String stdout, String stderr) {
        /** The last stdout line that parses as a JSON object: the scripts' machine-checkable result. */
        JsonNode json() {
            String[] lines = stdout.strip().split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (line.startsWith("{")) {
                    try {
                        return JSON.readTree(line);
                    } catch (IOException e) {
                        break;
                    }
                }
            }
            throw new AssertionError("no JSON result from " + command + "\n" + describe());
        }

        String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    static Run run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path dir = Files.createDirectories(SharedDemoDatabases.testWorkRoot().resolve("client-runs"));
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeout + ": " + command + "\n--- stdout ---\n"
                        + Files.readString(out) + "\n--- stderr ---\n" + Files.readString(err));
            }
            Run run = new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** A client script under {@code src/test/resources/clients/}, as a file path. */
    static Path script(String name) {
        URL url = ClientHarness.class.getResource("/clients/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource clients/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- client availability

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the test with a message naming the missing client, or fails it in CI (CI=true), where the client
     * matrix must never be skipped.
     */
    static void requireClient(boolean present, String client, String howToInstall) {
        requireClient(present, client, howToInstall, inCi());
    }

    static void requireClient(boolean present, String client, String howToInstall, boolean ci) {
        if (present) {
            return;
        }
        String message = "client not installed: " + client + " (install with: " + howToInstall + ")";
        if (ci) {
            fail("CI=true but " + message + "; .ci/run must install it");
        }
        Assumptions.abort(message);
    }

    /** Requires Debian's python3 with the given modules importable. */
    static void requirePython(String debianPackages, String... modules) {
        boolean present = Files.isExecutable(PYTHON);
        if (present) {
            String imports = "import " + String.join(", ", modules);
            Run probe = run(List.of(PYTHON.toString(), "-c", imports), Map.of(), Duration.ofSeconds(60));
            present = probe.exitCode() == 0;
        }
        requireClient(present, "Python " + String.join(", ", modules) + " for " + PYTHON,
                "apt-get install -y " + debianPackages);
    }

    /** Runs a Python client script under Debian's python3 with the connection in the environment. */
    Run python(String script, String sslmode, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script(script).toString()));
        command.addAll(List.of(args));
        Map<String, String> env = connectionEnv(sslmode);
        env.putAll(extraEnv);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.remove("PYTHONPATH");
        env.put("PYTHONNOUSERSITE", "1");
        return run(command, env, Duration.ofMinutes(3));
    }

    /** Finds an executable on PATH (or in the usual Debian locations). */
    static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String keysCsv(List<Long> keys) {
        return String.join(",", keys.stream().map(String::valueOf).toList());
    }
}
