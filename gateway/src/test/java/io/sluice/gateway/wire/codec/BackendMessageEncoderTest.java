package io.sluice.gateway.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
import io.sluice.gateway.wire.message.BackendMessage.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendMessageEncoderTest {
    @Test
    void aBatchOfRowsIsTheRowsOneAfterAnother() {
        DataRow first = new DataRow(new byte[][] {{'1'}, null});
        DataRow second = new DataRow(new byte[][] {{'2', '3'}, {}});
        DataRows batch = new DataRows(List.of(first, second));
        assertThat(hex(batch)).isEqualTo(hex(first) + hex(second));
        assertThat(batch.encodedLength()).isEqualTo((hex(first) + hex(second)).length() / 2);
        assertThat(hex(new DataRows(List.of()))).isEmpty();
    }

    @Test
    void aBatchOfRowsGoesThroughTheChannelAsOneBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new BackendMessageEncoder());
        DataRow row = new DataRow(new byte[][] {{'7'}});
        channel.writeOutbound(new DataRows(List.of(row, row, row)));
        ByteBuf written = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(written)).isEqualTo(hex(row).repeat(3));
        } finally {
            written.release();
        }
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private static String hex(BackendMessage m) {
        ByteBuf out = Unpooled.buffer();
        BackendMessageEncoder.encodeTo(m, out);
        String hex = ByteBufUtil.hexDump(out);
        out.release();
        return hex;
    }

    @Test
    void framingOfEveryMessage() {
        assertThat(hex(new EncryptionResponse(true))).isEqualTo("53");
        assertThat(hex(new EncryptionResponse(false))).isEqualTo("4e");
        assertThat(hex(new AuthenticationOk())).isEqualTo("52" + "00000008" + "00000000");
        assertThat(hex(new AuthenticationCleartextPassword())).isEqualTo("52" + "00000008" + "00000003");
        assertThat(hex(new AuthenticationSasl(List.of("SCRAM-SHA-256"))))
                .isEqualTo("52" + "00000017" + "0000000a" + "534352414d2d5348412d32353600" + "00");
        assertThat(hex(new AuthenticationSaslContinue(new byte[] {'r', '='}))).isEqualTo("52" + "0000000a" + "0000000b" + "723d");
        assertThat(hex(new AuthenticationSaslFinal(new byte[] {'v'}))).isEqualTo("52" + "00000009" + "0000000c" + "76");
        assertThat(hex(new ParameterStatus("a", "b"))).isEqualTo("53" + "00000008" + "6100" + "6200");
        assertThat(hex(new BackendKeyData(1, 2))).isEqualTo("4b" + "0000000c" + "00000001" + "00000002");
        assertThat(hex(new NegotiateProtocolVersion(0, List.of("_pq_.x"))))
                .isEqualTo("76" + "00000013" + "00030000" + "00000001" + "5f70715f2e7800");
        assertThat(hex(new ReadyForQuery('I'))).isEqualTo("5a" + "00000005" + "49");
        assertThat(hex(new RowDescription(List.of(new Field("id", 0, (short) 0, 23, (short) 4, -1, (short) 1)))))
                .isEqualTo("54" + "0000001b" + "0001" + "696400" + "00000000" + "0000" + "00000017" + "0004" + "ffffffff" + "0001");
        assertThat(hex(new ParameterDescription(List.of(23, 25)))).isEqualTo("74" + "0000000e" + "0002" + "00000017" + "00000019");
        assertThat(hex(new DataRow(new byte[][] {{'1'}, null}))).isEqualTo("44" + "0000000f" + "0002" + "00000001" + "31" + "ffffffff");
        assertThat(hex(new CommandComplete("SELECT 1"))).isEqualTo("43" + "0000000d" + "53454c4543542031" + "00");
        assertThat(hex(new EmptyQueryResponse())).isEqualTo("49" + "00000004");
        assertThat(hex(new NoData())).isEqualTo("6e" + "00000004");
        assertThat(hex(new ParseComplete())).isEqualTo("31" + "00000004");
        assertThat(hex(new BindComplete())).isEqualTo("32" + "00000004");
        assertThat(hex(new CloseComplete())).isEqualTo("33" + "00000004");
        assertThat(hex(new PortalSuspended())).isEqualTo("73" + "00000004");
        assertThat(hex(new CopyOutResponse(0, List.of((short) 0, (short) 0)))).isEqualTo("48" + "0000000b" + "00" + "0002" + "0000" + "0000");
        assertThat(hex(new CopyData(new byte[] {'x', '\n'}))).isEqualTo("64" + "00000006" + "780a");
        assertThat(hex(new CopyDone())).isEqualTo("63" + "00000004");
    }

    @Test
    void errorAndNoticeFields() {
        ErrorResponse e = new ErrorResponse(Severity.ERROR, "42601", "bad", Optional.of("d"), Optional.of("h"), Optional.of(7), false);
        assertThat(hex(e)).isEqualTo("45" + "00000028"
                + "53" + "4552524f5200" + "56" + "4552524f5200" + "43" + "343236303100" + "4d" + "62616400"
                + "44" + "6400" + "48" + "6800" + "50" + "3700" + "00");
        assertThat(hex(ErrorResponse.notice("00000", "hi"))).startsWith("4e");
    }
}
