package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.sluice.gateway.wire.message.BackendMessage.Severity;
import java.io.IOException;
import java.net.SocketException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: an exception nobody handled ends this connection (and
 * only it) with a FATAL ErrorResponse when the stream is still usable, and one log line.
 */
final class ConnectionErrorHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    private boolean failed;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        boolean ioFailure = cause instanceof IOException || cause instanceof SocketException || cause.getCause() instanceof SSLException
                || cause instanceof SSLException || cause.getCause() instanceof NotSslRecordException;
        if (ioFailure) {
            LOG.info("connection {} closed: {}", ctx.channel().remoteAddress(), rootMessage(cause));
            ctx.close();
            return;
        }
        if (Errors.pgException(cause).isPresent()) {
            LOG.info("connection {} closed: {}", ctx.channel().remoteAddress(), Errors.pgException(cause).get().getMessage());
        } else if (cause instanceof DecoderException) {
            LOG.info("connection {} closed: {}", ctx.channel().remoteAddress(), rootMessage(cause));
        } else {
            LOG.warn("connection {} closed after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Errors.toResponse(cause, Severity.FATAL)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
