package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.auth.AuthException;
import io.sluice.gateway.auth.ScramServerExchange;
import io.sluice.gateway.auth.ScramVerifier;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.Session;
import io.sluice.gateway.wire.SessionContext;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.codec.FrontendMessageDecoder;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationCleartextPassword;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationOk;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSasl;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSaslContinue;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSaslFinal;
import io.sluice.gateway.wire.message.BackendMessage.BackendKeyData;
import io.sluice.gateway.wire.message.BackendMessage.ParameterStatus;
import io.sluice.gateway.wire.message.BackendMessage.ReadyForQuery;
import io.sluice.gateway.wire.message.FrontendMessage;
import io.sluice.gateway.wire.message.FrontendMessage.PasswordPayload;
import io.sluice.gateway.wire.message.FrontendMessage.SaslInitialResponse;
import io.sluice.gateway.wire.message.FrontendMessage.StartupMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the start-up user, then opens the backend session.
 *
 * <pre>
 *  SASL:      R(10: [SCRAM-SHA-256-PLUS,] SCRAM-SHA-256) ◀─▶ p(SASLInitialResponse)
 *             R(11: server-first)                        ◀─▶ p(SASLResponse)
 *             R(12: server-final), R(0)
 *  cleartext: R(3) ◀─▶ p(password)  — only on TLS and only when enabled; checked against the verifier
 *  then:      SessionFactory.open (worker thread) ─▶ S(parameters)… K(key) Z('I') ─▶ {@link QueryHandler}
 *  failure:   (throttle delay) E(FATAL 28P01 password authentication failed for user "x"), close
 * </pre>
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);

    private enum Phase {
        CLEARTEXT,
        SASL_INITIAL,
        SASL_FINAL,
        OPENING,
        FAILED
    }

    private final ServerContext server;
    private final StartupMessage startup;
    private final String user;
    private final boolean tls;
    private final ScheduledFuture<?> timeout;
    private final List<FrontendMessage> early = new ArrayList<>();
    private Phase phase;
    private ScramServerExchange exchange;

    AuthHandler(ServerContext server, StartupMessage startup, boolean tls, ScheduledFuture<?> timeout) {
        this.server = server;
        this.startup = startup;
        this.user = startup.parameters().get("user");
        this.tls = tls;
        this.timeout = timeout;
    }

    private boolean channelBinding() {
        return tls && server.auth().channelBinding() && server.tls().isPresent();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (server.auth().cleartextOverTls() && tls) {
            phase = Phase.CLEARTEXT;
            ctx.writeAndFlush(new AuthenticationCleartextPassword());
        } else {
            phase = Phase.SASL_INITIAL;
            List<String> mechanisms = channelBinding()
                    ? List.of(ScramServerExchange.MECHANISM_PLUS, ScramServerExchange.MECHANISM)
                    : List.of(ScramServerExchange.MECHANISM);
            ctx.writeAndFlush(new AuthenticationSasl(mechanisms));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrontendMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (phase) {
            case FAILED -> { }
            case OPENING -> {
                // A client may pipeline its first queries behind the password; keep a few, not a flood.
                if (early.size() >= 1024) {
                    fail(ctx, PgException.protocolViolation("too many messages before the session started"));
                } else {
                    early.add(message);
                }
            }
            default -> {
                if (!(message instanceof PasswordPayload payload)) {
                    fail(ctx, PgException.protocolViolation("expected password response, got message type "
                            + message.getClass().getSimpleName()));
                    return;
                }
                try {
                    authenticate(ctx, payload);
                } catch (AuthException e) {
                    fail(ctx, e);
                } catch (IllegalArgumentException e) {
                    fail(ctx, AuthException.malformed(e.getMessage()));
                }
            }
        }
    }

    private void authenticate(ChannelHandlerContext ctx, PasswordPayload payload) {
        switch (phase) {
            case CLEARTEXT -> {
                phase = Phase.OPENING;
                String password = payload.password();
                Optional<ScramVerifier> verifier = server.auth().users().verifier(user);
                // PBKDF2 takes milliseconds: keep it off the event loop.
                server.workers().execute(() -> {
                    boolean ok = verifier.map(v -> v.matches(password)).orElse(false);
                    ctx.executor().execute(() -> {
                        if (ok) {
                            succeeded(ctx, Optional.empty());
                        } else {
                            phase = Phase.CLEARTEXT;
                            fail(ctx, AuthException.failed(user, verifier.isPresent() ? "wrong password" : "no such user"));
                        }
                    });
                });
            }
            case SASL_INITIAL -> {
                SaslInitialResponse initial = payload.saslInitial();
                exchange = new ScramServerExchange(user, server.auth().users().verifier(user),
                        ScramServerExchange.mockSalt(server.mockSaltKey(), user), initial.mechanism(),
                        channelBinding() ? Optional.of(server.tls().orElseThrow().endPointBinding()) : Optional.empty());
                byte[] serverFirst = exchange.clientFirst(initial.data());
                phase = Phase.SASL_FINAL;
                ctx.writeAndFlush(new AuthenticationSaslContinue(serverFirst));
            }
            case SASL_FINAL -> {
                byte[] serverFinal = exchange.clientFinal(payload.saslResponse().data());
                succeeded(ctx, Optional.of(serverFinal));
            }
            default -> throw new IllegalStateException("unexpected phase " + phase);
        }
    }

    private InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
    }

    private void fail(ChannelHandlerContext ctx, PgException e) {
        if (phase == Phase.FAILED) {
            return;
        }
        phase = Phase.FAILED;
        Duration delay = server.throttle().recordFailure(user, address(ctx));
        String reason = e instanceof AuthException ae ? ae.reason() : e.getMessage();
        LOG.info("authentication of user \"{}\" from {} failed: {}{}", user, ctx.channel().remoteAddress(), reason,
                delay.isZero() ? "" : " (answering after " + delay.toMillis() + " ms)");
        if (delay.isZero()) {
            StartupHandler.fatal(ctx, e);
        } else {
            ctx.executor().schedule(() -> StartupHandler.fatal(ctx, e), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void succeeded(ChannelHandlerContext ctx, Optional<byte[]> serverFinal) {
        phase = Phase.OPENING;
        timeout.cancel(false);
        server.throttle().recordSuccess(user, address(ctx));
        FrontendMessageDecoder decoder = ctx.pipeline().get(FrontendMessageDecoder.class);
        if (decoder != null) {
            decoder.authenticated();
        }
        serverFinal.ifPresent(data -> ctx.write(new AuthenticationSaslFinal(data)));
        ctx.writeAndFlush(new AuthenticationOk());

        AtomicReference<QueryHandler> handler = new AtomicReference<>();
        CancelRegistry.Key key = server.cancels().register(() -> {
            QueryHandler h = handler.get();
            if (h != null) {
                h.cancel();
            }
        });
        String database = startup.parameters().getOrDefault("database", "");
        SessionContext context = new SessionContext(user, database.isEmpty() ? user : database, startup.parameters(),
                ctx.channel().remoteAddress(), tls, key.processId());
        server.workers().execute(() -> {
            Session session;
            try {
                session = server.sessions().open(context);
            } catch (RuntimeException e) {
                ctx.executor().execute(() -> {
                    server.cancels().unregister(key);
                    LOG.info("session of user \"{}\" from {} refused: {}", user, ctx.channel().remoteAddress(), e.getMessage());
                    StartupHandler.fatal(ctx, Errors.pgException(e).orElseGet(() ->
                            new PgException(SqlState.INTERNAL_ERROR, "cannot open session: " + e.getMessage())));
                });
                return;
            }
            ctx.executor().execute(() -> started(ctx, context, session, key, handler));
        });
    }

    private void started(ChannelHandlerContext ctx, SessionContext context, Session session, CancelRegistry.Key key,
            AtomicReference<QueryHandler> holder) {
        QueryHandler handler = new QueryHandler(server, context, session, key);
        holder.set(handler);
        if (!ctx.channel().isActive()) {
            handler.release();
            return;
        }
        SessionContext.REPORTED_DEFAULTS.keySet().forEach(name ->
                ctx.write(new ParameterStatus(name, context.parameter(name).orElse(""))));
        ctx.write(new BackendKeyData(key.processId(), key.secretKey()));
        ctx.writeAndFlush(new ReadyForQuery(context.transactionStatus().code()));
        LOG.debug("user \"{}\" connected from {} to database \"{}\"", user, ctx.channel().remoteAddress(), context.database());
        ctx.pipeline().replace(this, PgChannelInitializer.PROTOCOL, handler);
        handler.enqueue(early);
    }
}
