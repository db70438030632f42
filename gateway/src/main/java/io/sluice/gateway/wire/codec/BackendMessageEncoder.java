package io.sluice.gateway.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.sluice.gateway.wire.message.BackendMessage;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationCleartextPassword;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationOk;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSasl;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSaslContinue;
import io.sluice.gateway.wire.message.BackendMessage.AuthenticationSaslFinal;
import io.sluice.gateway.wire.message.BackendMessage.BackendKeyData;
import io.sluice.gateway.wire.message.BackendMessage.BindComplete;
import io.sluice.gateway.wire.message.BackendMessage.CloseComplete;
import io.sluice.gateway.wire.message.BackendMessage.CommandComplete;
import io.sluice.gateway.wire.message.BackendMessage.CopyData;
import io.sluice.gateway.wire.message.BackendMessage.CopyDone;
import io.sluice.gateway.wire.message.BackendMessage.CopyOutResponse;
import io.sluice.gateway.wire.message.BackendMessage.DataRow;
import io.sluice.gateway.wire.message.BackendMessage.DataRows;
import io.sluice.gateway.wire.message.BackendMessage.EmptyQueryResponse;
import io.sluice.gateway.wire.message.BackendMessage.EncryptionResponse;
import io.sluice.gateway.wire.message.BackendMessage.ErrorResponse;
import io.sluice.gateway.wire.message.BackendMessage.Field;
import io.sluice.gateway.wire.message.BackendMessage.NegotiateProtocolVersion;
import io.sluice.gateway.wire.message.BackendMessage.NoData;
import io.sluice.gateway.wire.message.BackendMessage.ParameterDescription;
import io.sluice.gateway.wire.message.BackendMessage.ParameterStatus;
import io.sluice.gateway.wire.message.BackendMessage.ParseComplete;
import io.sluice.gateway.wire.message.BackendMessage.PortalSuspended;
import io.sluice.gateway.wire.message.BackendMessage.ReadyForQuery;
import io.sluice.gateway.wire.message.BackendMessage.RowDescription;
import java.nio.charset.StandardCharsets;

/** Writes {@link BackendMessage} records as PostgreSQL backend messages: type byte, int32 length, body. */
@Sharable
public final class BackendMessageEncoder extends MessageToByteEncoder<BackendMessage> {
    public BackendMessageEncoder() {
        super(BackendMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BackendMessage msg, ByteBuf out) {
        encodeTo(msg, out);
    }

    /** A batch of rows gets a buffer of its exact size, not one grown a doubling at a time. */
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, BackendMessage msg, boolean preferDirect) {
        int size = msg instanceof DataRows rows ? rows.encodedLength() : 256;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    /** Encodes one message into {@code out}; public for tests and for batching. */
    public static void encodeTo(BackendMessage msg, ByteBuf out) {
        if (msg instanceof EncryptionResponse(boolean accepted)) {
            out.writeByte(accepted ? 'S' : 'N');
            return;
        }
        if (msg instanceof DataRows batch) {
            // Each row makes room for itself; the encoder's buffer is sized for the batch already.
            batch.rows().forEach(row -> encodeTo(row, out));
            return;
        }
        int start = out.writerIndex();
        out.writeByte(type(msg));
        out.writeInt(0); // length, patched below
        switch (msg) {
            case EncryptionResponse e -> throw new AssertionError(e);
            case DataRows d -> throw new AssertionError(d);
            case AuthenticationOk a -> out.writeInt(0);
            case AuthenticationCleartextPassword a -> out.writeInt(3);
            case AuthenticationSasl a -> {
                out.writeInt(10);
                for (String mechanism : a.mechanisms()) {
                    writeCString(out, mechanism);
                }
                out.writeByte(0);
            }
            case AuthenticationSaslContinue a -> out.writeInt(11).writeBytes(a.data());
            case AuthenticationSaslFinal a -> out.writeInt(12).writeBytes(a.data());
            case ParameterStatus p -> {
                writeCString(out, p.name());
                writeCString(out, p.value());
            }
            case BackendKeyData k -> out.writeInt(k.processId()).writeInt(k.secretKey());
            case NegotiateProtocolVersion n -> {
                out.writeInt((3 << 16) | n.newestMinorVersion());
                out.writeInt(n.unrecognizedOptions().size());
                for (String option : n.unrecognizedOptions()) {
                    writeCString(out, option);
                }
            }
            case ReadyForQuery r -> out.writeByte(r.transactionStatus());
            case RowDescription r -> {
                out.writeShort(r.fields().size());
                for (Field f : r.fields()) {
                    writeCString(out, f.name());
                    out.writeInt(f.tableOid()).writeShort(f.columnNumber()).writeInt(f.typeOid())
                            .writeShort(f.typlen()).writeInt(f.typmod()).writeShort(f.format());
                }
            }
            case ParameterDescription p -> {
                out.writeShort(p.typeOids().size());
                p.typeOids().forEach(out::writeInt);
            }
            case DataRow d -> {
                out.ensureWritable(d.encodedLength());
                out.writeShort(d.values().length);
                for (byte[] value : d.values()) {
                    if (value == null) {
                        out.writeInt(-1);
                    } else {
                        out.writeInt(value.length).writeBytes(value);
                    }
                }
            }
            case CommandComplete c -> writeCString(out, c.tag());
            case EmptyQueryResponse e -> { }
            case NoData n -> { }
            case ParseComplete p -> { }
            case BindComplete b -> { }
            case CloseComplete c -> { }
            case PortalSuspended p -> { }
            case CopyOutResponse c -> {
                out.writeByte(c.overallFormat());
                out.writeShort(c.columnFormats().size());
                c.columnFormats().forEach(f -> out.writeShort(f));
            }
            case CopyData c -> out.writeBytes(c.data());
            case CopyDone c -> { }
            case ErrorResponse e -> {
                String severity = e.severity().name();
                field(out, 'S', severity);
                field(out, 'V', severity);
                field(out, 'C', e.sqlState());
                field(out, 'M', e.message());
                e.detail().ifPresent(d -> field(out, 'D', d));
                e.hint().ifPresent(h -> field(out, 'H', h));
                e.position().ifPresent(p -> field(out, 'P', Integer.toString(p)));
                out.writeByte(0);
            }
        }
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }

    static char type(BackendMessage msg) {
        return switch (msg) {
            case EncryptionResponse e -> throw new IllegalArgumentException("not a framed message");
            case AuthenticationOk a -> 'R';
            case AuthenticationCleartextPassword a -> 'R';
            case AuthenticationSasl a -> 'R';
            case AuthenticationSaslContinue a -> 'R';
            case AuthenticationSaslFinal a -> 'R';
            case ParameterStatus p -> 'S';
            case BackendKeyData k -> 'K';
            case NegotiateProtocolVersion n -> 'v';
            case ReadyForQuery r -> 'Z';
            case RowDescription r -> 'T';
            case ParameterDescription p -> 't';
            case DataRow d -> 'D';
            case DataRows d -> throw new IllegalArgumentException("a batch of messages, each framed");
            case CommandComplete c -> 'C';
            case EmptyQueryResponse e -> 'I';
            case NoData n -> 'n';
            case ParseComplete p -> '1';
            case BindComplete b -> '2';
            case CloseComplete c -> '3';
            case PortalSuspended p -> 's';
            case CopyOutResponse c -> 'H';
            case CopyData c -> 'd';
            case CopyDone c -> 'c';
            case ErrorResponse e -> e.notice() ? 'N' : 'E';
        };
    }

    private static void field(ByteBuf out, char code, String value) {
        out.writeByte(code);
        writeCString(out, value);
    }

    private static void writeCString(ByteBuf out, String s) {
        // A NUL inside would end the string early on the client; PostgreSQL never sends one.
        out.writeCharSequence(s.indexOf('\0') >= 0 ? s.replace('\0', ' ') : s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
