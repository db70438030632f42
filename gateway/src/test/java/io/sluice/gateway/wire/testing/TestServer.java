package io.sluice.gateway.wire.testing;

import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.auth.InMemoryUserStore;
import io.sluice.gateway.tls.TlsMode;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** A PgServer on an ephemeral port with {@link TestBackend} and users ana/secret and bob/hunter2. */
public final class TestServer implements AutoCloseable {
    public static final String USER = "ana";
    public static final String PASSWORD = "secret";

    public final TestBackend backend = new TestBackend();
    public final PgServer server;

    public TestServer(Path workDir) {
        this(workDir, TlsMode.OPTIONAL, false);
    }

    public TestServer(Path workDir, TlsMode mode, boolean cleartextOverTls) {
        InMemoryUserStore users = new InMemoryUserStore().withPassword(USER, PASSWORD).withPassword("bob", "hunter2");
        AuthSettings auth = AuthSettings.defaults(users).withCleartextOverTls(cleartextOverTls)
                .withFailureDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        server = PgServer.start(ListenerSettings.defaults().withAddress("127.0.0.1", 0).withRowBatchSize(256),
                TlsSettings.defaults().withMode(mode).withWorkDirectory(workDir.resolve("tls")), auth, backend);
    }

    public int port() {
        return server.port();
    }

    public String url(String extra) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/shop?" + extra;
    }

    public Connection connect(String extra) throws SQLException {
        return connect(USER, PASSWORD, extra);
    }

    public Connection connect(String user, String password, String extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(url(extra), props);
    }

    @Override
    public void close() {
        server.close();
    }
}
