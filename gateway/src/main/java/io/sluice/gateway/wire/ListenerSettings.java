package io.sluice.gateway.wire;

import static java.util.Objects.requireNonNull;

/**
 * The PostgreSQL listener: where it binds and the limits that keep one connection from
 * hurting the others.
 *
 * @param host address to bind ({@code 0.0.0.0} for all interfaces)
 * @param port TCP port, 0 for an ephemeral one
 * @param maxStartupPacketBytes largest start-up packet accepted (PostgreSQL: 10,000)
 * @param maxPreAuthMessageBytes largest message accepted before authentication succeeded
 * @param maxMessageBytes largest message accepted afterwards; a larger length field ends the connection without allocating
 * @param rowBatchSize rows fetched from a cursor and written per batch while streaming
 * @param maxConnections connections served at once; more are refused with 53300
 * @param ioThreads Netty event-loop threads, 0 for Netty's default (2 x cores)
 */
public record ListenerSettings(String host, int port, int maxStartupPacketBytes, int maxPreAuthMessageBytes,
        int maxMessageBytes, int rowBatchSize, int maxConnections, int ioThreads) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_MAX_STARTUP_PACKET_BYTES = 10_000;
    public static final int DEFAULT_MAX_PRE_AUTH_MESSAGE_BYTES = 8_192;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_ROW_BATCH_SIZE = 512;
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

    public ListenerSettings {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxStartupPacketBytes < 8 || maxPreAuthMessageBytes < 64 || maxMessageBytes < maxPreAuthMessageBytes) {
            throw new IllegalArgumentException("message size limits are too small");
        }
        if (rowBatchSize < 1 || maxConnections < 1 || ioThreads < 0) {
            throw new IllegalArgumentException("rowBatchSize and maxConnections must be positive, ioThreads not negative");
        }
    }

    /** 127.0.0.1:5432, 10 KB start-up packets, 8 KB before authentication, 64 MB messages, 512-row batches, 1000 connections. */
    public static ListenerSettings defaults() {
        return new ListenerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_STARTUP_PACKET_BYTES,
                DEFAULT_MAX_PRE_AUTH_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_ROW_BATCH_SIZE, DEFAULT_MAX_CONNECTIONS, 0);
    }

    public ListenerSettings withAddress(String newHost, int newPort) {
        return new ListenerSettings(newHost, newPort, maxStartupPacketBytes, maxPreAuthMessageBytes, maxMessageBytes,
                rowBatchSize, maxConnections, ioThreads);
    }

    public ListenerSettings withMaxMessageBytes(int newMax) {
        return new ListenerSettings(host, port, maxStartupPacketBytes, maxPreAuthMessageBytes, newMax, rowBatchSize,
                maxConnections, ioThreads);
    }

    public ListenerSettings withRowBatchSize(int newSize) {
        return new ListenerSettings(host, port, maxStartupPacketBytes, maxPreAuthMessageBytes, maxMessageBytes, newSize,
                maxConnections, ioThreads);
    }

    public ListenerSettings withMaxConnections(int newMax) {
        return new ListenerSettings(host, port, maxStartupPacketBytes, maxPreAuthMessageBytes, maxMessageBytes, rowBatchSize,
                newMax, ioThreads);
    }
}
