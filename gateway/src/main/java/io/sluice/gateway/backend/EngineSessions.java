package io.sluice.gateway.backend;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.wire.Session;
import io.sluice.gateway.wire.SessionFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plugs the federated engine in behind the PostgreSQL wire protocol: every authenticated
 * connection gets an {@link EngineSession} that plans and runs its statements as its user.
 */
public final class EngineSessions implements SessionFactory {
    private final Engine engine;
    private final Function<String, SessionContext> identities;

    /** @param identities the groups and attributes of a user name (from configuration) */
    public EngineSessions(Engine engine, Function<String, SessionContext> identities) {
        this.engine = requireNonNull(engine, "engine is null");
        this.identities = requireNonNull(identities, "identities is null");
    }

    /** Users have no groups or attributes: for gateways without policies. */
    public static EngineSessions withoutGroups(Engine engine) {
        return new EngineSessions(engine, user -> new SessionContext(user, List.of(), Map.of()));
    }

    @Override
    public Session open(io.sluice.gateway.wire.SessionContext connection) {
        String address = connection.remoteAddress() instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : connection.remoteAddress().toString();
        SessionContext.Client client = new SessionContext.Client(address, connection.applicationName(), "postgresql");
        return new EngineSession(engine, identities.apply(connection.user()).withClient(client));
    }
}
