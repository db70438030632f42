package io.sluice.gateway.wire.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A bare-bones PostgreSQL client over a plain socket, for protocol-level tests (SCRAM client included). */
public final class RawClient implements AutoCloseable {
    /** One backend message: type and body. */
    public record Msg(char type, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The 'C' (SQLSTATE) field of an ErrorResponse. */
        public String sqlState() {
            return field('C');
        }

        public String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char c = (char) body[i];
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (c == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer socket receive buffer size, 0 for the default */
    public RawClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    public int readByte() throws IOException {
        return in.read();
    }

    public Msg read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Msg((char) type, body);
    }

    /** Reads messages up to and including ReadyForQuery. */
    public List<Msg> readUntilReady() throws IOException {
        List<Msg> out = new ArrayList<>();
        Msg m;
        do {
            m = read();
            out.add(m);
        } while (m.type() != 'Z');
        return out;
    }

    /** True when the server closed the connection (after draining what it sent). */
    public boolean closedByServer() {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Start-up and SCRAM-SHA-256 login; returns the messages up to the first ReadyForQuery. */
    public List<Msg> login(String user, String password) throws Exception {
        send(Frontend.startup(user, "shop"));
        Msg sasl = read();
        if (sasl.type() != 'R') {
            throw new IllegalStateException("expected authentication request, got " + sasl.type() + ": " + sasl.text());
        }
        String nonce = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(18));
        String clientFirstBare = "n=,r=" + nonce;
        send(Frontend.saslInitial("SCRAM-SHA-256", ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8)));
        Msg cont = read();
        String serverFirst = new String(cont.body(), 4, cont.body().length - 4, StandardCharsets.UTF_8);
        String serverNonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attr : serverFirst.split(",")) {
            switch (attr.charAt(0)) {
                case 'r' -> serverNonce = attr.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(attr.substring(2));
                case 'i' -> iterations = Integer.parseInt(attr.substring(2));
                default -> { }
            }
        }
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + serverNonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        send(Frontend.password((withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8)));
        return readUntilReady();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws Exception {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        byte[] u = hmac(password, block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(password, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
