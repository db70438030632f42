package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.wire.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * psycopg2, psycopg 3 and asyncpg (Debian's python3-* packages, run with Debian's own
 * /usr/bin/python3) against PgServer over plaintext and TLS; each is skipped with a message
 * when its module is not installed.
 */
@Timeout(120)
class PythonClientsTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": skipping the Python client tests");
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final String PSYCOPG2 = """
            import psycopg2
            for ssl in ("disable", "require"):
                c = psycopg2.connect(host="127.0.0.1", port=PORT, user="ana", password="secret", dbname="shop", sslmode=ssl)
                cur = c.cursor()
                cur.execute("SELECT * FROM numbers(3)")
                assert cur.fetchall() == [(1, "row 1"), (2, "row 2"), (3, "row 3")]
                cur.execute("SELECT * FROM types")
                row = cur.fetchone()
                assert str(row[6]) == "12345.6789" and row[18] == [1, 2, 3] and row[19] == ["x", None, "y z"], row
                c.rollback()
                c.close()
            print("OK")
            """;

    private static final String PSYCOPG = """
            import psycopg
            for ssl in ("disable", "require"):
                with psycopg.connect(host="127.0.0.1", port=PORT, user="ana", password="secret", dbname="shop", sslmode=ssl) as c:
                    assert c.execute("SELECT * FROM numbers(2)").fetchall() == [(1, "row 1"), (2, "row 2")]
                    assert c.execute("SELECT %s::int4 AS a, %s::text AS b", (5, "x")).fetchall() == [(5, "x")]
                    for binary in (False, True):
                        row = c.cursor(binary=binary).execute("SELECT * FROM types").fetchone()
                        assert str(row[14]) == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" and row[15] == b"bytes", row
            print("OK")
            """;

    private static final String ASYNCPG = """
            import asyncio, asyncpg
            async def main():
                for ssl in (False, "require"):
                    c = await asyncpg.connect(host="127.0.0.1", port=PORT, user="ana", password="secret", database="shop", ssl=ssl)
                    rows = await c.fetch("SELECT * FROM numbers(2)")
                    assert [tuple(r) for r in rows] == [(1, "row 1"), (2, "row 2")], rows
                    rows = await c.fetch("SELECT $1::int4 AS a, $2::text AS b", 5, "x")
                    assert [tuple(r) for r in rows] == [(5, "x")], rows
                    await c.close()
            asyncio.run(main())
            print("OK")
            """;

    @ParameterizedTest
    @ValueSource(strings = {"psycopg2", "psycopg", "asyncpg"})
    void client(String module) throws Exception {
        Process probe = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true).start();
        boolean present = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        if (!present) {
            System.out.println("python module " + module + " is not installed: skipping (apt-get install python3-" + module + ")");
        }
        Assumptions.assumeTrue(present, module + " is not installed");
        String script = switch (module) {
            case "psycopg2" -> PSYCOPG2;
            case "psycopg" -> PSYCOPG;
            default -> ASYNCPG;
        };
        Path file = dir.resolve(module + "_check.py");
        Files.writeString(file, script.replace("PORT", Integer.toString(server.port())));
        Path out = dir.resolve(module + ".out");
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
