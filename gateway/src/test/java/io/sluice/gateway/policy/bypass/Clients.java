package io.sluice.gateway.policy.bypass;

import io.sluice.gateway.policy.bypass.Attempt.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same attempts through real clients over the wire: pgjdbc (extended protocol, parameters
 * bound by the driver) and the {@code psql} binary (simple protocol), each logged in as the
 * demo user with the demo password.
 */
public final class Clients implements AutoCloseable {
    /** Every demo user's password in conf/sluice.yaml. */
    public static final String PASSWORD = "sluice-demo";
    /** How psql prints a null, so it differs from any text value of the demo. */
    public static final String PSQL_NULL = "<null>";
    private static final Pattern PSQL_ERROR = Pattern.compile("ERROR:\\s+([0-9A-Z]{5}): (.*)", Pattern.DOTALL);

    private final int port;
    private final Path workDir;
    private final Map<String, Connection> connections = new HashMap<>();

    public Clients(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    /** Runs one statement through pgjdbc as {@code user}, with parameters bound by the driver. */
    public Outcome jdbc(String user, String sql, List<Object> parameters) {
        try {
            Connection c = connection(user);
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    p.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    List<List<String>> rows = new ArrayList<>();
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getString(i));
                        }
                        rows.add(row);
                    }
                    return new Outcome.Answer(rows);
                }
            }
        } catch (SQLException e) {
            return new Outcome.Error(String.valueOf(e.getSQLState()), String.valueOf(e.getMessage()));
        }
    }

    private Connection connection(String user) throws SQLException {
        Connection c = connections.get(user);
        if (c == null || c.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", PASSWORD);
            properties.setProperty("sslmode", "disable");
            c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/sluice", properties);
            connections.put(user, c);
        }
        return c;
    }

    /** The psql binary, or empty when it is not installed. */
    public static Optional<Path> psql() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "psql");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs one statement through psql as {@code user}: unaligned rows, fields split on {@code |}. */
    public Outcome psql(Path psql, String user, String sql) throws IOException, InterruptedException {
        List<String> command = List.of(psql.toString(), "-X", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", user, "-d", "sluice", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
                "-A", "-t", "-F", "|", "-P", "null=" + PSQL_NULL, "-c", sql);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("PGPASSWORD", PASSWORD);
        builder.environment().put("PGSSLMODE", "disable");
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.environment().remove("PGSERVICE");
        Path out = Files.createTempFile(workDir, "psql", ".out");
        Path err = Files.createTempFile(workDir, "psql", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not finish within 60 s: " + sql);
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        if (process.exitValue() != 0) {
            Matcher m = PSQL_ERROR.matcher(stderr);
            return m.find() ? new Outcome.Error(m.group(1), m.group(2))
                    : new Outcome.Error("psql exit " + process.exitValue(), stderr);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(java.util.Arrays.stream(line.split("\\|", -1))
                        .map(v -> v.equals(PSQL_NULL) ? null : v).toList());
            }
        }
        return new Outcome.Answer(rows);
    }

    @Override
    public void close() {
        for (Connection c : connections.values()) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing a test connection: nothing to recover
            }
        }
    }
}
