package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.tls.TlsMode;
import io.sluice.gateway.wire.testing.Frontend;
import io.sluice.gateway.wire.testing.RawClient;
import io.sluice.gateway.wire.testing.RawClient.Msg;
import io.sluice.gateway.wire.testing.TestServer;
import java.io.DataOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Protocol-level behaviour over a raw socket: message order, errors, limits, start-up negotiation. */
@Timeout(60)
class PgProtocolTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String types(List<Msg> messages) {
        return messages.stream().map(m -> String.valueOf(m.type())).collect(Collectors.joining());
    }

    private static void assertHealthy() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.query("SELECT 1"));
            assertThat(types(c.readUntilReady())).isEqualTo("TDCZ");
        }
    }

    @Test
    void startupReportsParametersKeyAndReady() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            List<Msg> messages = c.login(TestServer.USER, TestServer.PASSWORD);
            Map<String, String> params = new LinkedHashMap<>();
            for (Msg m : messages) {
                if (m.type() == 'S') {
                    String[] kv = m.text().split("\0");
                    params.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            assertThat(params).containsEntry("server_encoding", "UTF8").containsEntry("client_encoding", "UTF8")
                    .containsEntry("DateStyle", "ISO, MDY").containsEntry("integer_datetimes", "on")
                    .containsEntry("standard_conforming_strings", "on").containsEntry("IntervalStyle", "postgres")
                    .containsEntry("is_superuser", "off").containsEntry("session_authorization", "ana")
                    .containsKeys("server_version", "TimeZone", "application_name");
            assertThat(messages.get(0).type()).isEqualTo('R'); // SASL final
            assertThat(messages.stream().filter(m -> m.type() == 'K').count()).isEqualTo(1);
            assertThat(messages.getLast().body()).containsExactly('I');
        }
    }

    @Test
    void simpleQueryWithSeveralStatements() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.query("SELECT 1; -- a comment; with a semicolon\n SELECT * FROM numbers(2);;BEGIN; SHOW DateStyle"));
            List<Msg> r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("TDCTDDCCTDCZ");
            assertThat(r.getLast().body()).containsExactly('T');
            c.send(Frontend.query("SHOW DateStyle;  SELEKT; SELECT 1"));
            r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("TDCEZ");
            assertThat(r.get(3).sqlState()).isEqualTo("42601");
            assertThat(r.get(3).field('P')).isEqualTo("18");
            assertThat(r.getLast().body()).containsExactly('E');
            c.send(Frontend.query("SELECT 1"));
            r = c.readUntilReady();
            assertThat(r.getFirst().sqlState()).isEqualTo("25P02");
            c.send(Frontend.query("ROLLBACK"));
            r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("CZ");
            assertThat(r.getLast().body()).containsExactly('I');
            c.send(Frontend.query("  -- nothing\n ; "));
            assertThat(types(c.readUntilReady())).isEqualTo("IZ");
        }
    }

    @Test
    void extendedQueryWithPortalSuspension() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.parse("s1", "SELECT * FROM numbers(5)", List.of()), Frontend.describe('S', "s1"),
                    Frontend.bind("p1", "s1", List.of(), List.of(), List.of((short) 1)), Frontend.describe('P', "p1"),
                    Frontend.execute("p1", 2), Frontend.execute("p1", 2), Frontend.execute("p1", 2), Frontend.execute("p1", 2),
                    Frontend.close('P', "p1"), Frontend.sync());
            List<Msg> r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("1tT2T" + "DDs" + "DDs" + "DC" + "C" + "3Z");
            Msg firstRow = r.get(5);
            // binary int8 1
            assertThat(ByteBuffer.wrap(firstRow.body(), 2 + 4, 8).getLong()).isEqualTo(1L);
        }
    }

    @Test
    void parameterTypesAreInferredWhenTheClientSendsZero() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.parse("", "SELECT $1::int8 AS x, $2 AS y", List.of(0, 0)), Frontend.describe('S', ""), Frontend.sync());
            List<Msg> r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("1tTZ");
            ByteBuffer t = ByteBuffer.wrap(r.get(1).body());
            assertThat(t.getShort()).isEqualTo((short) 2);
            assertThat(t.getInt()).isEqualTo(20);
            assertThat(t.getInt()).isEqualTo(25);
            c.send(Frontend.bind("", "", List.of((short) 0), java.util.Arrays.asList("42".getBytes(StandardCharsets.UTF_8), null), List.of()),
                    Frontend.execute("", 0), Frontend.sync());
            r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("2DCZ");
        }
    }

    @Test
    void errorsSkipToSync() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.parse("", "bogus", List.of()), Frontend.bind("", "", List.of(), List.of(), List.of()),
                    Frontend.execute("", 0), Frontend.sync(), Frontend.parse("", "SELECT 1", List.of()),
                    Frontend.bind("", "", List.of(), List.of(), List.of()), Frontend.execute("", 0), Frontend.sync());
            List<Msg> first = c.readUntilReady();
            assertThat(types(first)).isEqualTo("EZ");
            assertThat(first.getFirst().sqlState()).isEqualTo("42601");
            assertThat(first.getFirst().field('P')).isEqualTo("1");
            assertThat(types(c.readUntilReady())).isEqualTo("12DCZ");
            c.send(Frontend.bind("", "missing", List.of(), List.of(), List.of()), Frontend.sync());
            List<Msg> r = c.readUntilReady();
            assertThat(r.getFirst().sqlState()).isEqualTo("26000");
            c.send(Frontend.parse("x", "SELECT $1::int4 AS a", List.of()),
                    Frontend.bind("", "x", List.of(), List.of("not a number".getBytes(StandardCharsets.UTF_8)), List.of()),
                    Frontend.sync());
            r = c.readUntilReady();
            assertThat(types(r)).isEqualTo("1EZ");
            assertThat(r.get(1).sqlState()).isEqualTo("22P02");
            c.send(Frontend.execute("nope", 0), Frontend.sync());
            assertThat(c.readUntilReady().getFirst().sqlState()).isEqualTo("34000");
        }
    }

    @Test
    void aClientThatDoesNotReadPausesTheCursor() throws Exception {
        try (RawClient c = new RawClient(server.port(), 16 * 1024)) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            long before = server.backend.generatedRows.get();
            c.send(Frontend.query("SELECT * FROM numbers(5000000)"));
            Thread.sleep(1500);
            long first = server.backend.generatedRows.get() - before;
            Thread.sleep(500);
            long second = server.backend.generatedRows.get() - before;
            // Without backpressure all 5M rows would be produced in well under a second; with it the
            // server stops at what the socket buffers hold (their auto-tuning lets that creep a little).
            assertThat(first).isPositive().isLessThan(1_000_000);
            assertThat(second).isLessThan(1_000_000);
        }
        // the abandoned cursor is closed with the connection
        long deadline = System.currentTimeMillis() + 5000;
        while (server.backend.openCursors.get() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.backend.openCursors.get()).isZero();
    }

    @Test
    void negotiatesProtocolVersionAndUnknownOptions() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user", "nobody");
            params.put("_pq_.something", "1");
            c.send(Frontend.startup((3 << 16) | 2, params));
            Msg v = c.read();
            assertThat(v.type()).isEqualTo('v');
            ByteBuffer b = ByteBuffer.wrap(v.body());
            assertThat(b.getInt()).isEqualTo(3 << 16);
            assertThat(b.getInt()).isEqualTo(1);
            assertThat(c.read().type()).isEqualTo('R');
        }
    }

    @Test
    void refusesUnsupportedProtocolAndGssEncryption() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(Frontend.gssEncRequest());
            assertThat(c.readByte()).isEqualTo('N');
            c.send(Frontend.startup(4 << 16, Map.of("user", "ana")));
            Msg e = c.read();
            assertThat(e.type()).isEqualTo('E');
            assertThat(e.sqlState()).isEqualTo("0A000");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void hugeLengthEndsOnlyThatConnection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(new byte[] {'Q', 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            Msg e = c.read();
            assertThat(e.type()).isEqualTo('E');
            assertThat(e.sqlState()).isEqualTo("08P01");
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 3, 0, 0});
            assertThat(c.read().sqlState()).isEqualTo("08P01");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.closedByServer()).isTrue();
        }
        assertHealthy();
    }

    @Test
    void messagesBeforeAuthenticationAreSmallAndMustBePasswords() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(Frontend.startup("ana", "shop"));
            assertThat(c.read().type()).isEqualTo('R');
            c.send(Frontend.query("SELECT 1"));
            assertThat(c.read().sqlState()).isEqualTo("08P01");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send(Frontend.startup("ana", "shop"));
            assertThat(c.read().type()).isEqualTo('R');
            c.send(Frontend.password(new byte[100_000]));
            assertThat(c.read().sqlState()).isEqualTo("08P01");
        }
    }

    @Test
    void plaintextBytesAfterSslRequestAreRejected() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(Frontend.concat(Frontend.sslRequest(), Frontend.startup("ana", "shop")));
            assertThat(c.closedByServer()).isTrue();
        }
        assertHealthy();
    }

    @Test
    void cancelRequestStopsTheRunningStatement() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            List<Msg> login = c.login(TestServer.USER, TestServer.PASSWORD);
            ByteBuffer key = ByteBuffer.wrap(login.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().body());
            int pid = key.getInt();
            int secret = key.getInt();
            c.send(Frontend.query("SELECT pg_sleep(20)"));
            Thread.sleep(300);
            try (RawClient wrong = new RawClient(server.port())) {
                wrong.send(Frontend.cancelRequest(pid, secret + 1));
                assertThat(wrong.closedByServer()).isTrue();
            }
            try (RawClient canceller = new RawClient(server.port())) {
                canceller.send(Frontend.cancelRequest(pid, secret));
                assertThat(canceller.closedByServer()).isTrue();
            }
            List<Msg> r = c.readUntilReady();
            assertThat(r.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow().sqlState()).isEqualTo("57014");
        }
    }

    @Test
    void tlsRequiredRefusesPlaintext() throws Exception {
        try (TestServer strict = new TestServer(dir.resolve("strict"), TlsMode.REQUIRED, false);
                RawClient c = new RawClient(strict.port())) {
            c.send(Frontend.startup("ana", "shop"));
            Msg e = c.read();
            assertThat(e.sqlState()).isEqualTo("28000");
            assertThat(e.field('M')).contains("requires TLS");
            try (var conn = strict.connect("sslmode=require"); var s = conn.createStatement(); var rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void connectionLimit() throws Exception {
        io.sluice.gateway.wire.testing.TestBackend backend = new io.sluice.gateway.wire.testing.TestBackend();
        try (PgServer limited = PgServer.start(ListenerSettings.defaults().withAddress("127.0.0.1", 0).withMaxConnections(1),
                io.sluice.gateway.tls.TlsSettings.disabled(),
                io.sluice.gateway.auth.AuthSettings.defaults(new io.sluice.gateway.auth.InMemoryUserStore().withPassword("ana", "secret")),
                backend);
                RawClient first = new RawClient(limited.port())) {
            first.login("ana", "secret");
            try (RawClient second = new RawClient(limited.port())) {
                Msg e = second.read();
                assertThat(e.sqlState()).isEqualTo("53300");
                assertThat(second.closedByServer()).isTrue();
            }
            // TLS disabled: SSLRequest is answered 'N'
            try (RawClient third = new RawClient(limited.port())) {
                third.send(Frontend.sslRequest());
                int answer = third.readByte();
                assertThat(answer == 'N' || answer == 'E').isTrue();
            }
        }
    }

    @Test
    void cleartextPasswordOnlyOverTls() throws Exception {
        try (TestServer clear = new TestServer(dir.resolve("clear"), TlsMode.OPTIONAL, true)) {
            try (var conn = clear.connect("sslmode=require"); var s = conn.createStatement(); var rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            // plaintext still gets SCRAM
            try (RawClient c = new RawClient(clear.port())) {
                c.send(Frontend.startup("ana", "shop"));
                Msg auth = c.read();
                assertThat(ByteBuffer.wrap(auth.body()).getInt()).isEqualTo(10);
            }
        }
    }

    static byte[] int32(int v) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeInt(v);
        return b.toByteArray();
    }
}
