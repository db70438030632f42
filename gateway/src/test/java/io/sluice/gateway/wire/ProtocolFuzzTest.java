package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.wire.testing.Frontend;
import io.sluice.gateway.wire.testing.RawClient;
import io.sluice.gateway.wire.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws mutated protocol streams at the server (before and after authentication) and checks
 * that it stays healthy: every bad connection ends or idles on its own, and a fresh connection
 * still logs in and queries; no backend cursor or session is leaked.
 */
@Timeout(180)
class ProtocolFuzzTest {
    private static final long SEED = Long.getLong("sluice.fuzz.seed", 20261122L);
    private static final int ROUNDS = Integer.getInteger("sluice.fuzz.rounds", 150);

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

    private static final List<byte[]> SESSION = List.of(
            Frontend.query("SELECT 1; SELECT * FROM numbers(50)"),
            Frontend.parse("s", "SELECT $1::int4 AS a, $2::text AS b", List.of(23, 0)),
            Frontend.describe('S', "s"),
            Frontend.bind("p", "s", List.of((short) 0, (short) 1),
                    Arrays.asList("7".getBytes(), new byte[] {'x'}), List.of((short) 1)),
            Frontend.execute("p", 1),
            Frontend.execute("p", 0),
            Frontend.close('P', "p"),
            Frontend.sync(),
            Frontend.parse("", "SELECT * FROM numbers(1000)", List.of()),
            Frontend.bind("", "", List.of(), List.of(), List.of()),
            Frontend.execute("", 10),
            Frontend.flush(),
            Frontend.sync(),
            Frontend.query("COPY (SELECT * FROM numbers(5)) TO STDOUT WITH (FORMAT csv)"),
            Frontend.query("BEGIN; SHOW DateStyle; SET x = 'y'; COMMIT"));

    private static byte[] mutate(byte[] stream, Random random) {
        byte[] b = stream.clone();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> { // flip random bytes
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncate
            case 2 -> { // corrupt a length field with an extreme value
                int at = random.nextInt(Math.max(1, b.length - 4));
                int[] extremes = {0, 3, -1, Integer.MAX_VALUE, 0x40000000, random.nextInt()};
                int v = extremes[random.nextInt(extremes.length)];
                b[at] = (byte) (v >>> 24);
                b[at + 1] = (byte) (v >>> 16);
                b[at + 2] = (byte) (v >>> 8);
                b[at + 3] = (byte) v;
            }
            case 3 -> { // insert garbage
                byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                int at = random.nextInt(b.length);
                b = Frontend.concat(Arrays.copyOf(b, at), garbage, Arrays.copyOfRange(b, at, b.length));
            }
            case 4 -> { // swap message type bytes to random letters
                for (int i = 0; i < 4; i++) {
                    b[random.nextInt(b.length)] = (byte) ('A' + random.nextInt(58));
                }
            }
            default -> { // pure noise
                b = new byte[1 + random.nextInt(512)];
                random.nextBytes(b);
            }
        }
        return b;
    }

    /** Sends bytes and reads whatever comes back for a short while; never waits for the server to close. */
    private static void blast(Socket socket, byte[] bytes) throws IOException {
        socket.setSoTimeout(150);
        OutputStream out = socket.getOutputStream();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            return; // the server already hung up: fine
        }
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        long deadline = System.currentTimeMillis() + 400;
        try {
            while (System.currentTimeMillis() < deadline && in.read(buf) >= 0) {
                // drain
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // idle or reset
        }
    }

    @Test
    void theUnmutatedSessionCompletes() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.concat(SESSION.toArray(byte[][]::new)));
            StringBuilder types = new StringBuilder();
            for (int ready = 0; ready < 5; ) {
                RawClient.Msg m = c.read();
                types.append(m.type());
                if (m.type() == 'Z') {
                    ready++;
                }
            }
            assertThat(types.toString()).doesNotContain("E").startsWith("TDCT").endsWith("CTDCCCZ");
        }
    }

    @Test
    void mutatedStreamsDoNotHurtTheServer() throws Exception {
        Random random = new Random(SEED);
        byte[] preAuth = Frontend.concat(Frontend.startup("ana", "shop"), Frontend.saslInitial("SCRAM-SHA-256", "n,,n=,r=abc".getBytes()),
                Frontend.password("c=biws,r=abc,p=AAAA".getBytes()));
        byte[] postAuth = Frontend.concat(SESSION.toArray(byte[][]::new));
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 3 == 0) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                    blast(s, mutate(preAuth, random));
                }
            } else {
                try (RawClient c = new RawClient(server.port())) {
                    c.login(TestServer.USER, TestServer.PASSWORD);
                    byte[] mutated = mutate(postAuth, random);
                    java.lang.reflect.Field f = RawClient.class.getDeclaredField("socket");
                    f.setAccessible(true);
                    blast((Socket) f.get(c), mutated);
                }
            }
            if (round % 25 == 24) {
                assertHealthy();
            }
        }
        assertHealthy();
        long deadline = System.currentTimeMillis() + 10_000;
        while ((server.backend.openCursors.get() != 0 || server.backend.openSessions.get() != 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.backend.openCursors.get()).as("open cursors").isZero();
        assertThat(server.backend.openSessions.get()).as("open sessions").isZero();
        deadline = System.currentTimeMillis() + 10_000;
        while (server.server.connectionCount() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.server.connectionCount()).as("open connections").isZero();
    }

    private static void assertHealthy() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.login(TestServer.USER, TestServer.PASSWORD);
            c.send(Frontend.query("SELECT * FROM numbers(3)"));
            List<RawClient.Msg> r = c.readUntilReady();
            assertThat(r.stream().map(m -> String.valueOf(m.type())).reduce("", String::concat)).isEqualTo("TDDDCZ");
        }
    }
}
