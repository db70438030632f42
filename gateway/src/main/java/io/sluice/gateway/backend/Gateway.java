package io.sluice.gateway.backend;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.auth.InMemoryUserStore;
import io.sluice.gateway.config.ListenerConfig;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.PgServer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A running gateway: the engine over the configured sources, behind the PostgreSQL listener,
 * with the configured users.
 */
public final class Gateway implements AutoCloseable {
    private final Engine engine;
    private final PgServer server;

    private Gateway(Engine engine, PgServer server) {
        this.engine = requireNonNull(engine, "engine is null");
        this.server = requireNonNull(server, "server is null");
    }

    public static Gateway start(SluiceConfig config) {
        Engine engine = Engine.start(config);
        try {
            return new Gateway(engine, listen(config, engine));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static PgServer listen(SluiceConfig config, Engine engine) {
        ListenerConfig listener = config.listener();
        InMemoryUserStore users = new InMemoryUserStore();
        config.users().forEach(u -> users.with(u.name(), u.verifier()));
        Map<String, UserConfig> byName = config.users().stream()
                .collect(Collectors.toUnmodifiableMap(UserConfig::name, Function.identity()));
        TlsSettings tls = new TlsSettings(listener.tls(), listener.certificate(), listener.privateKey(),
                config.workDir().resolve("tls"));
        return PgServer.start(ListenerSettings.defaults().withAddress(listener.host(), listener.port()), tls,
                AuthSettings.defaults(users),
                new EngineSessions(engine, name -> {
                    UserConfig user = byName.get(name);
                    return user == null
                            ? new SessionContext(name, List.of(), Map.of())
                            : new SessionContext(name, user.groups(), user.attributes());
                }));
    }

    public Engine engine() {
        return engine;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
