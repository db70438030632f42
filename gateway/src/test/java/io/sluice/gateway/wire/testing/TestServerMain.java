package io.sluice.gateway.wire.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a PgServer with the in-memory {@link TestBackend} for trying clients by hand:
 * {@code java ... TestServerMain [port]}, then e.g. {@code PGPASSWORD=secret psql -h 127.0.0.1 -p PORT -U ana shop}.
 */
public final class TestServerMain {
    private TestServerMain() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("sluice-wire");
        try (TestServer server = new TestServer(work)) {
            System.out.println("listening on 127.0.0.1:" + server.port() + " (user ana, password secret); Ctrl-C to stop");
            Thread.currentThread().join();
        }
    }
}
