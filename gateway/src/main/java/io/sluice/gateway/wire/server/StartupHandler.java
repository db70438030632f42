package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.gateway.tls.TlsMode;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.message.BackendMessage.EncryptionResponse;
import io.sluice.gateway.wire.message.BackendMessage.ErrorResponse;
import io.sluice.gateway.wire.message.BackendMessage.NegotiateProtocolVersion;
import io.sluice.gateway.wire.message.FrontendMessage;
import io.sluice.gateway.wire.message.FrontendMessage.CancelRequest;
import io.sluice.gateway.wire.message.FrontendMessage.GssEncRequest;
import io.sluice.gateway.wire.message.FrontendMessage.SslRequest;
import io.sluice.gateway.wire.message.FrontendMessage.StartupMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up phase, before any authentication:
 *
 * <pre>
 *  SSLRequest     ─▶ 'S' and a TLS handler in front of the decoder (or 'N' when TLS is off)
 *  GSSENCRequest  ─▶ 'N'
 *  CancelRequest  ─▶ cancel the matching connection's statement, close this one
 *  StartupMessage ─▶ check version, TLS requirement, user; NegotiateProtocolVersion for 3.x (x &gt; 0)
 *                    or unknown _pq_ options; then hand over to {@link AuthHandler}
 * </pre>
 */
final class StartupHandler extends SimpleChannelInboundHandler<FrontendMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupHandler.class);

    private final ServerContext server;
    private ScheduledFuture<?> timeout;
    private boolean refused;

    StartupHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int open = server.connections().incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> server.connections().decrementAndGet());
        if (open > server.listener().maxConnections()) {
            LOG.info("refusing connection from {}: {} connections open", ctx.channel().remoteAddress(), open - 1);
            refused = true;
            ctx.channel().config().setAutoRead(false);
            fatal(ctx, new PgException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
            return;
        }
        long millis = server.auth().authenticationTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                LOG.info("connection {} closed: authentication timeout", ctx.channel().remoteAddress());
                fatal(ctx, new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "authentication timeout expired"));
            }
        }, millis, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> timeout.cancel(false));
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FrontendMessage msg) {
        if (refused) {
            return;
        }
        switch (msg) {
            case SslRequest r -> {
                boolean accept = server.tls().isPresent() && ctx.pipeline().get(SslHandler.class) == null;
                ctx.writeAndFlush(new EncryptionResponse(accept));
                if (accept) {
                    // The 'S' is already in the outbound buffer; everything after it is TLS.
                    ctx.pipeline().addFirst(PgChannelInitializer.TLS, server.tls().get().newHandler(ctx.alloc()));
                }
            }
            case GssEncRequest r -> ctx.writeAndFlush(new EncryptionResponse(false));
            case CancelRequest c -> {
                boolean matched = server.cancels().cancel(c.processId(), c.secretKey());
                LOG.debug("cancel request for process {}: {}", c.processId(), matched ? "cancelled" : "no match");
                ctx.close();
            }
            case StartupMessage s -> startup(ctx, s);
            default -> fatal(ctx, PgException.protocolViolation("expected a startup message, got " + msg.getClass().getSimpleName()));
        }
    }

    private void startup(ChannelHandlerContext ctx, StartupMessage s) {
        if (s.majorVersion() != 3) {
            fatal(ctx, new PgException(SqlState.FEATURE_NOT_SUPPORTED, String.format(Locale.ROOT,
                    "unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", s.majorVersion(), s.minorVersion())));
            return;
        }
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        if (server.tlsSettings().mode() == TlsMode.REQUIRED && !tls) {
            fatal(ctx, new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "this server requires TLS: connect with sslmode=require", 0, null,
                    "Plaintext connections are refused by the listener's tls: required setting.", null));
            return;
        }
        Map<String, String> params = s.parameters();
        String user = params.getOrDefault("user", "");
        if (user.isEmpty()) {
            fatal(ctx, new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no PostgreSQL user name specified in startup packet"));
            return;
        }
        String replication = params.getOrDefault("replication", "false").toLowerCase(Locale.ROOT);
        if (!List.of("false", "off", "no", "0").contains(replication)) {
            fatal(ctx, PgException.unsupported("replication connections are not supported"));
            return;
        }
        String encoding = params.getOrDefault("client_encoding", "UTF8").replace("'", "").replace("-", "").replace("_", "")
                .strip().toUpperCase(Locale.ROOT);
        if (!List.of("UTF8", "UNICODE", "SQLASCII", "AUTO").contains(encoding)) {
            fatal(ctx, new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"client_encoding\": \""
                    + params.get("client_encoding") + "\"", 0, null, "Sluice speaks UTF8 only.", null));
            return;
        }
        List<String> unknownOptions = new ArrayList<>();
        params.keySet().stream().filter(k -> k.startsWith("_pq_.")).forEach(unknownOptions::add);
        if (s.minorVersion() > 0 || !unknownOptions.isEmpty()) {
            ctx.write(new NegotiateProtocolVersion(0, unknownOptions));
        }
        ctx.pipeline().replace(this, PgChannelInitializer.PROTOCOL, new AuthHandler(server, s, tls, timeout));
    }

    static void fatal(ChannelHandlerContext ctx, PgException e) {
        ctx.writeAndFlush(new ErrorResponse(io.sluice.gateway.wire.message.BackendMessage.Severity.FATAL, e.sqlState(),
                e.getMessage(), e.detail(), e.hint(), e.position(), false)).addListener(ChannelFutureListener.CLOSE);
    }
}
