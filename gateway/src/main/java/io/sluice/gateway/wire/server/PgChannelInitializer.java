package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.sluice.gateway.wire.codec.BackendMessageEncoder;
import io.sluice.gateway.wire.codec.FrontendMessageDecoder;

/**
 * Builds each connection's pipeline of single-purpose handlers:
 *
 * <pre>
 *  [tls]  ──  inserted first by the start-up handler after an accepted SSLRequest
 *  decoder   bytes → FrontendMessage records (length caps)
 *  encoder   BackendMessage records → bytes
 *  startup   SSLRequest / GSSENCRequest / CancelRequest / StartupMessage   ─ replaced by ─▶
 *  auth      SCRAM-SHA-256(-PLUS) or cleartext over TLS, failure throttling ─ replaced by ─▶
 *  query     simple and extended query protocol, COPY TO STDOUT, backpressure
 *  errors    last resort: FATAL ErrorResponse, one log line, close
 * </pre>
 */
final class PgChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String TLS = "tls";
    static final String DECODER = "decoder";
    static final String ENCODER = "encoder";
    static final String PROTOCOL = "protocol";
    static final String ERRORS = "errors";

    private static final BackendMessageEncoder ENCODER_INSTANCE = new BackendMessageEncoder();
    private final ServerContext server;

    PgChannelInitializer(ServerContext server) {
        this.server = server;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(DECODER, new FrontendMessageDecoder(server.listener().maxStartupPacketBytes(),
                server.listener().maxPreAuthMessageBytes(), server.listener().maxMessageBytes()));
        p.addLast(ENCODER, ENCODER_INSTANCE);
        p.addLast(PROTOCOL, new StartupHandler(server));
        p.addLast(ERRORS, new ConnectionErrorHandler());
    }
}
