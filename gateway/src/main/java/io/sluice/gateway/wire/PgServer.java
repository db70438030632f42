package io.sluice.gateway.wire;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sluice.gateway.auth.AuthFailureThrottle;
import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.tls.ServerTls;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.server.PgServerChannels;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL v3 wire-protocol server on Netty.
 *
 * <pre>
 *   PgServer server = PgServer.start(ListenerSettings.defaults().withAddress("0.0.0.0", 5432),
 *           TlsSettings.defaults(), AuthSettings.defaults(users), sessionFactory);
 *   int port = server.port();
 *   ...
 *   server.close();
 * </pre>
 *
 * Backend work (the {@link SessionFactory}, {@link Session} and {@link RowCursor} calls) runs
 * on virtual threads, never on Netty's event loops.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService backendWorkers;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final InetSocketAddress address;

    private PgServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, ExecutorService backendWorkers, Channel serverChannel,
            ChannelGroup channels) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.backendWorkers = backendWorkers;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Binds the listener and starts serving.
     *
     * @throws io.sluice.gateway.tls.TlsException when TLS is enabled and its material cannot be loaded or created
     * @throws IllegalStateException when the address cannot be bound
     */
    public static PgServer start(ListenerSettings listener, TlsSettings tls, AuthSettings auth, SessionFactory sessions) {
        requireNonNull(listener, "listener is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(auth, "auth is null");
        requireNonNull(sessions, "sessions is null");
        Optional<ServerTls> serverTls = tls.enabled() ? Optional.of(ServerTls.create(tls)) : Optional.empty();
        byte[] mockSaltKey = new byte[32];
        new SecureRandom().nextBytes(mockSaltKey);
        ExecutorService backendWorkers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sluice-backend-", 0).factory());
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(listener.ioThreads(), NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                    .childHandler(PgServerChannels.initializer(listener, tls, serverTls, auth, new AuthFailureThrottle(auth),
                            mockSaltKey, sessions, backendWorkers, channels));
            Channel channel = bootstrap.bind(listener.host(), listener.port()).syncUninterruptibly().channel();
            PgServer server = new PgServer(boss, workers, backendWorkers, channel, channels);
            LOG.info("PostgreSQL listener on {} (TLS {})", server.address, tls.mode().name().toLowerCase(java.util.Locale.ROOT));
            return server;
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            backendWorkers.shutdownNow();
            throw new IllegalStateException("cannot listen on " + listener.host() + ":" + listener.port() + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Connections currently open. */
    public int connectionCount() {
        return channels.size();
    }

    /** Stops listening, closes every connection (their sessions and cursors are closed) and the thread pools. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        backendWorkers.shutdown();
        try {
            if (!backendWorkers.awaitTermination(5, TimeUnit.SECONDS)) {
                backendWorkers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backendWorkers.shutdownNow();
        }
        LOG.info("PostgreSQL listener on {} stopped", address);
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }
}
