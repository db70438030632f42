package io.sluice.gateway.catalog;

import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.auth.InMemoryUserStore;
import io.sluice.gateway.backend.EngineSessions;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.PgServer;
import io.sluice.gateway.wire.PreparedQuery;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.Session;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The engine over the shared demo databases behind the PostgreSQL listener, with every statement
 * passed through {@link PgCatalogSql#normalise} first, exactly as {@code EngineSession.prepare}
 * is to do it.
 */
final class CatalogGateway implements AutoCloseable {
    static final String USER = "ana";
    static final String PASSWORD = "ana-pw";

    final Engine engine;
    final PgServer server;

    private CatalogGateway(Engine engine, PgServer server) {
        this.engine = engine;
        this.server = server;
    }

    static CatalogGateway start() {
        return start(DemoEngines.config(SharedDemoDatabases.get()));
    }

    static CatalogGateway start(io.sluice.gateway.config.SluiceConfig config) {
        Engine engine = Engine.start(config);
        EngineSessions sessions = EngineSessions.withoutGroups(engine);
        PgServer server = PgServer.start(ListenerSettings.defaults().withAddress("127.0.0.1", 0),
                TlsSettings.disabled(), AuthSettings.defaults(new InMemoryUserStore().withPassword(USER, PASSWORD)),
                context -> new NormalisingSession(sessions.open(context)));
        return new CatalogGateway(engine, server);
    }

    int port() {
        return server.port();
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/sluice", properties);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }

    private record NormalisingSession(Session delegate) implements Session {
        @Override
        public PreparedQuery prepare(String sql, List<Integer> parameterTypeOids) {
            return delegate.prepare(PgCatalogSql.normalise(sql), parameterTypeOids);
        }

        @Override
        public RowCursor execute(PreparedQuery query, List<Object> parameters, long maxRowsHint) {
            return delegate.execute(query, parameters, maxRowsHint);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
