package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.sluice.gateway.auth.AuthFailureThrottle;
import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.tls.ServerTls;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.SessionFactory;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** Entry point for {@link io.sluice.gateway.wire.PgServer}: the per-connection pipeline factory. */
public final class PgServerChannels {
    private PgServerChannels() {}

    public static ChannelInitializer<SocketChannel> initializer(ListenerSettings listener, TlsSettings tlsSettings,
            Optional<ServerTls> tls, AuthSettings auth, AuthFailureThrottle throttle, byte[] mockSaltKey, SessionFactory sessions,
            ExecutorService workers, ChannelGroup channels) {
        ServerContext server = new ServerContext(listener, tlsSettings, tls, auth, throttle, mockSaltKey, sessions, workers,
                new CancelRegistry(), new AtomicInteger());
        PgChannelInitializer pipeline = new PgChannelInitializer(server);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                ch.pipeline().addLast(pipeline);
            }
        };
    }
}
