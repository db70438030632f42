package io.sluice.gateway.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.message.FrontendMessage;
import io.sluice.gateway.wire.message.FrontendMessage.Bind;
import io.sluice.gateway.wire.message.FrontendMessage.CancelRequest;
import io.sluice.gateway.wire.message.FrontendMessage.Close;
import io.sluice.gateway.wire.message.FrontendMessage.CopyData;
import io.sluice.gateway.wire.message.FrontendMessage.CopyDone;
import io.sluice.gateway.wire.message.FrontendMessage.CopyFail;
import io.sluice.gateway.wire.message.FrontendMessage.Describe;
import io.sluice.gateway.wire.message.FrontendMessage.Execute;
import io.sluice.gateway.wire.message.FrontendMessage.Flush;
import io.sluice.gateway.wire.message.FrontendMessage.FunctionCall;
import io.sluice.gateway.wire.message.FrontendMessage.GssEncRequest;
import io.sluice.gateway.wire.message.FrontendMessage.Parse;
import io.sluice.gateway.wire.message.FrontendMessage.PasswordPayload;
import io.sluice.gateway.wire.message.FrontendMessage.Query;
import io.sluice.gateway.wire.message.FrontendMessage.SslRequest;
import io.sluice.gateway.wire.message.FrontendMessage.StartupMessage;
import io.sluice.gateway.wire.message.FrontendMessage.Sync;
import io.sluice.gateway.wire.message.FrontendMessage.Target;
import io.sluice.gateway.wire.message.FrontendMessage.Terminate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the byte stream into PostgreSQL frontend messages and decodes each into a
 * {@link FrontendMessage} record.
 *
 * <pre>
 *   STARTUP ──SSLRequest/GSSENCRequest──▶ STARTUP   (the handler answers 'S'/'N'; TLS may be added in front)
 *      │ ──CancelRequest──▶ (handler closes the connection)
 *      └──StartupMessage──▶ MESSAGES ──bad frame──▶ FAILED (all further bytes discarded)
 * </pre>
 *
 * <p>Start-up packets: int32 length (itself included), int32 code, body; at most
 * {@code maxStartupPacket} bytes. Regular messages: a type byte, int32 length (itself
 * included), body. The length is checked against the limit before a single body byte is
 * buffered, so a 2 GB length field costs nothing: it fails the connection at once. Until
 * {@link #authenticated()} is called the limit is the small pre-authentication one.
 *
 * <p>Errors are {@link PgException}s with SQLSTATE 08P01 (wrapped by Netty in a
 * DecoderException); the connection handler reports them and closes.
 */
public final class FrontendMessageDecoder extends ByteToMessageDecoder {
    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;

    private enum State {
        STARTUP,
        MESSAGES,
        FAILED
    }

    private final int maxStartupPacket;
    private final int maxPreAuthMessage;
    private final int maxMessage;
    private State state = State.STARTUP;
    private boolean authenticated;

    public FrontendMessageDecoder(int maxStartupPacket, int maxPreAuthMessage, int maxMessage) {
        this.maxStartupPacket = maxStartupPacket;
        this.maxPreAuthMessage = maxPreAuthMessage;
        this.maxMessage = maxMessage;
    }

    /** Lifts the pre-authentication size limit. */
    public void authenticated() {
        this.authenticated = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case STARTUP -> decodeStartup(in, out);
                case MESSAGES -> decodeMessage(in, out);
                case FAILED -> in.skipBytes(in.readableBytes());
            }
        } catch (PgException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeStartup(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > maxStartupPacket) {
            throw PgException.protocolViolation("invalid length of startup packet");
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        int code = in.readInt();
        ByteBuf body = in.readSlice(length - 8);
        switch (code) {
            case SSL_REQUEST_CODE, GSSENC_REQUEST_CODE -> {
                if (length != 8) {
                    throw PgException.protocolViolation("invalid length of encryption request");
                }
                // Bytes after the request would arrive in plaintext ahead of the TLS handshake.
                if (in.isReadable()) {
                    throw PgException.protocolViolation("received unencrypted data after SSL request");
                }
                out.add(code == SSL_REQUEST_CODE ? new SslRequest() : new GssEncRequest());
            }
            case CANCEL_REQUEST_CODE -> {
                if (length != 16) {
                    throw PgException.protocolViolation("invalid length of cancel request");
                }
                out.add(new CancelRequest(body.readInt(), body.readInt()));
                state = State.FAILED; // nothing may follow a cancel request
            }
            default -> {
                Map<String, String> params = new LinkedHashMap<>();
                while (body.isReadable()) {
                    String key = readCString(body);
                    if (key.isEmpty()) {
                        break;
                    }
                    if (!body.isReadable()) {
                        throw PgException.protocolViolation("invalid startup packet layout: expected terminator as last byte");
                    }
                    params.put(key, readCString(body));
                }
                out.add(new StartupMessage(code >>> 16, code & 0xFFFF, params));
                state = State.MESSAGES;
            }
        }
    }

    private void decodeMessage(ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 5) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            if (length < 4) {
                throw PgException.protocolViolation("invalid message length " + length);
            }
            int limit = authenticated ? maxMessage : maxPreAuthMessage;
            if (length > limit) {
                throw PgException.protocolViolation("message of type '" + printable(type) + "' is too large: "
                        + Integer.toUnsignedString(length) + " bytes, at most " + limit + " allowed");
            }
            if (in.readableBytes() < 1 + length) {
                return;
            }
            in.skipBytes(5);
            ByteBuf body = in.readSlice(length - 4);
            out.add(parse(type, body));
        }
    }

    private static String printable(byte type) {
        return type >= 32 && type < 127 ? String.valueOf((char) type) : String.format("\\x%02x", type & 0xFF);
    }

    /** Decodes one message body; the whole body must be consumed. */
    static FrontendMessage parse(byte type, ByteBuf body) {
        try {
            FrontendMessage message = switch (type) {
                case 'Q' -> new Query(readCString(body));
                case 'P' -> {
                    String name = readCString(body);
                    String sql = readCString(body);
                    int count = body.readUnsignedShort();
                    List<Integer> oids = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        oids.add(body.readInt());
                    }
                    yield new Parse(name, sql, oids);
                }
                case 'B' -> {
                    String portal = readCString(body);
                    String statement = readCString(body);
                    List<Short> paramFormats = readShorts(body);
                    int count = body.readUnsignedShort();
                    List<byte[]> values = new ArrayList<>(Math.min(count, 1024));
                    for (int i = 0; i < count; i++) {
                        int len = body.readInt();
                        if (len == -1) {
                            values.add(null);
                        } else if (len < 0 || len > body.readableBytes()) {
                            throw PgException.protocolViolation("invalid parameter length " + len + " in Bind");
                        } else {
                            byte[] value = new byte[len];
                            body.readBytes(value);
                            values.add(value);
                        }
                    }
                    yield new Bind(portal, statement, paramFormats, values, readShorts(body));
                }
                case 'D' -> new Describe(target(body.readByte()), readCString(body));
                case 'E' -> new Execute(readCString(body), body.readInt());
                case 'C' -> new Close(target(body.readByte()), readCString(body));
                case 'S' -> new Sync();
                case 'H' -> new Flush();
                case 'X' -> new Terminate();
                case 'p' -> {
                    byte[] bytes = new byte[body.readableBytes()];
                    body.readBytes(bytes);
                    yield new PasswordPayload(bytes);
                }
                case 'd' -> {
                    int len = body.readableBytes();
                    body.skipBytes(len);
                    yield new CopyData(len);
                }
                case 'c' -> new CopyDone();
                case 'f' -> new CopyFail(readCString(body));
                case 'F' -> {
                    body.skipBytes(body.readableBytes());
                    yield new FunctionCall();
                }
                default -> throw PgException.protocolViolation("invalid frontend message type " + (type & 0xFF));
            };
            if (body.isReadable()) {
                throw PgException.protocolViolation("invalid message format: " + body.readableBytes()
                        + " unexpected bytes at the end of message '" + printable(type) + "'");
            }
            return message;
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("invalid message format: message '" + printable(type) + "' is truncated");
        } catch (IllegalArgumentException e) {
            throw PgException.protocolViolation("invalid message format: " + e.getMessage());
        }
    }

    private static Target target(byte code) {
        return Target.of(code);
    }

    private static List<Short> readShorts(ByteBuf body) {
        int count = body.readUnsignedShort();
        if (count * 2 > body.readableBytes()) {
            throw new IndexOutOfBoundsException();
        }
        List<Short> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(body.readShort());
        }
        return out;
    }

    static String readCString(ByteBuf buf) {
        int nul = buf.bytesBefore((byte) 0);
        if (nul < 0) {
            throw PgException.protocolViolation("invalid string in message: missing terminator");
        }
        String s = buf.toString(buf.readerIndex(), nul, StandardCharsets.UTF_8);
        buf.skipBytes(nul + 1);
        return s;
    }
}
