package io.sluice.gateway.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
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
import io.sluice.gateway.wire.message.FrontendMessage.GssEncRequest;
import io.sluice.gateway.wire.message.FrontendMessage.Parse;
import io.sluice.gateway.wire.message.FrontendMessage.PasswordPayload;
import io.sluice.gateway.wire.message.FrontendMessage.Query;
import io.sluice.gateway.wire.message.FrontendMessage.SaslInitialResponse;
import io.sluice.gateway.wire.message.FrontendMessage.SslRequest;
import io.sluice.gateway.wire.message.FrontendMessage.StartupMessage;
import io.sluice.gateway.wire.message.FrontendMessage.Sync;
import io.sluice.gateway.wire.message.FrontendMessage.Target;
import io.sluice.gateway.wire.message.FrontendMessage.Terminate;
import io.sluice.gateway.wire.testing.Frontend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendMessageDecoderTest {
    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrontendMessageDecoder(10_000, 8192, 1 << 20));
    }

    /** A channel past start-up, authenticated. */
    private static EmbeddedChannel ready() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(Frontend.startup("ana", "shop")));
        assertThat(ch.<Object>readInbound()).isInstanceOf(StartupMessage.class);
        ch.pipeline().get(FrontendMessageDecoder.class).authenticated();
        return ch;
    }

    private static FrontendMessage decode(EmbeddedChannel ch, byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        return ch.readInbound();
    }

    @Test
    void startupPackets() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "ana");
        params.put("database", "shop");
        params.put("application_name", "psql");
        assertThat(decode(channel(), Frontend.startup(196608, params))).isEqualTo(new StartupMessage(3, 0, params));
        assertThat(decode(channel(), Frontend.startup((3 << 16) | 2, Map.of()))).isEqualTo(new StartupMessage(3, 2, Map.of()));
        EmbeddedChannel ch = channel();
        assertThat(decode(ch, Frontend.sslRequest())).isEqualTo(new SslRequest());
        assertThat(decode(ch, Frontend.gssEncRequest())).isEqualTo(new GssEncRequest());
        assertThat(decode(ch, Frontend.startup("ana", "shop"))).isInstanceOf(StartupMessage.class);
        assertThat(decode(channel(), Frontend.cancelRequest(1234, -5))).isEqualTo(new CancelRequest(1234, -5));
    }

    @Test
    void everyRegularMessage() {
        EmbeddedChannel ch = ready();
        assertThat(decode(ch, Frontend.query("SELECT 1"))).isEqualTo(new Query("SELECT 1"));
        assertThat(decode(ch, Frontend.parse("s1", "SELECT $1", List.of(23, 0)))).isEqualTo(new Parse("s1", "SELECT $1", List.of(23, 0)));
        Bind bind = (Bind) decode(ch, Frontend.bind("p", "s", List.of((short) 1), Arrays.asList(new byte[] {1, 2}, null),
                List.of((short) 0, (short) 1)));
        assertThat(bind.portalName()).isEqualTo("p");
        assertThat(bind.statementName()).isEqualTo("s");
        assertThat(bind.parameterFormats()).containsExactly((short) 1);
        assertThat(bind.parameterValues().get(0)).containsExactly(1, 2);
        assertThat(bind.parameterValues().get(1)).isNull();
        assertThat(bind.resultFormats()).containsExactly((short) 0, (short) 1);
        assertThat(decode(ch, Frontend.describe('S', "s1"))).isEqualTo(new Describe(Target.STATEMENT, "s1"));
        assertThat(decode(ch, Frontend.describe('P', ""))).isEqualTo(new Describe(Target.PORTAL, ""));
        assertThat(decode(ch, Frontend.execute("p", 100))).isEqualTo(new Execute("p", 100));
        assertThat(decode(ch, Frontend.close('S', "s1"))).isEqualTo(new Close(Target.STATEMENT, "s1"));
        assertThat(decode(ch, Frontend.sync())).isEqualTo(new Sync());
        assertThat(decode(ch, Frontend.flush())).isEqualTo(new Flush());
        assertThat(decode(ch, Frontend.terminate())).isEqualTo(new Terminate());
        assertThat(decode(ch, Frontend.message('d', out -> out.write(new byte[] {1, 2, 3})))).isEqualTo(new CopyData(3));
        assertThat(decode(ch, Frontend.message('c', out -> { }))).isEqualTo(new CopyDone());
        assertThat(decode(ch, Frontend.message('f', out -> out.write("boom\0".getBytes())))).isEqualTo(new CopyFail("boom"));
    }

    @Test
    void passwordPayloadsAreReadAsTheServerExpects() {
        EmbeddedChannel ch = ready();
        PasswordPayload sasl = (PasswordPayload) decode(ch, Frontend.saslInitial("SCRAM-SHA-256", "n,,n=,r=abc".getBytes()));
        SaslInitialResponse initial = sasl.saslInitial();
        assertThat(initial.mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(new String(initial.data(), StandardCharsets.UTF_8)).isEqualTo("n,,n=,r=abc");
        PasswordPayload clear = (PasswordPayload) decode(ch, Frontend.password("secret\0".getBytes()));
        assertThat(clear.password()).isEqualTo("secret");
        assertThatThrownBy(() -> clear.saslInitial()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incompleteFramesWaitForMoreBytes() {
        EmbeddedChannel ch = ready();
        byte[] all = Frontend.concat(Frontend.query("SELECT 1"), Frontend.parse("", "SELECT 2", List.of()), Frontend.sync());
        for (byte b : all) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(ch.<Object>readInbound()).isEqualTo(new Query("SELECT 1"));
        assertThat(ch.<Object>readInbound()).isEqualTo(new Parse("", "SELECT 2", List.of()));
        assertThat(ch.<Object>readInbound()).isEqualTo(new Sync());
        assertThat(ch.<Object>readInbound()).isNull();
        EmbeddedChannel startup = channel();
        byte[] s = Frontend.startup("ana", "shop");
        startup.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(s, s.length - 1)));
        assertThat(startup.<Object>readInbound()).isNull();
        startup.writeInbound(Unpooled.wrappedBuffer(new byte[] {s[s.length - 1]}));
        assertThat(startup.<Object>readInbound()).isInstanceOf(StartupMessage.class);
    }

    private static void assertProtocolViolation(EmbeddedChannel ch, byte[] bytes, String message) {
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bytes)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("08P01");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void hugeLengthFailsWithoutAllocating() {
        EmbeddedChannel ch = ready();
        ByteBuf buf = Unpooled.buffer().writeByte('Q').writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ch.writeInbound(buf)).cause().hasMessageContaining("too large");
        assertThat(buf.refCnt()).isZero();
        // everything after a failure is discarded
        ch.writeInbound(Unpooled.wrappedBuffer(Frontend.query("SELECT 1")));
        assertThat(ch.<Object>readInbound()).isNull();
        assertProtocolViolation(channel(), new byte[] {0x7F, -1, -1, -1, 0, 3, 0, 0}, "invalid length of startup packet");
    }

    @Test
    void limitsBeforeAuthenticationAreSmaller() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(Frontend.startup("ana", "shop")));
        ch.readInbound();
        assertProtocolViolation(ch, Frontend.password(new byte[9000]), "too large");
    }

    @Test
    void malformedMessages() {
        assertProtocolViolation(ready(), Frontend.message('Q', out -> out.write("no terminator".getBytes())), "missing terminator");
        assertProtocolViolation(ready(), Frontend.message('E', out -> out.write(new byte[] {'p', 0, 1})), "truncated");
        assertProtocolViolation(ready(), Frontend.message('S', out -> out.writeByte(1)), "unexpected bytes");
        assertProtocolViolation(ready(), Frontend.message('Z', out -> { }), "invalid frontend message type 90");
        assertProtocolViolation(ready(), new byte[] {'Q', 0, 0, 0, 2}, "invalid message length 2");
        assertProtocolViolation(ready(), Frontend.describe('X', "s"), "invalid Describe/Close target");
        assertProtocolViolation(channel(), Frontend.concat(Frontend.sslRequest(), new byte[] {1}), "unencrypted data after SSL request");
        assertProtocolViolation(ready(), Frontend.message('B', out -> {
            out.write("\0\0".getBytes());
            out.writeShort(0);
            out.writeShort(1);
            out.writeInt(1000);
        }), "invalid parameter length");
    }
}
