package io.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = SluiceCli.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"sql", "serve", "demo", "user", "user add", "policy", "policy eval",
            "policy test", "policy check", "audit", "audit verify", "audit search", "audit unused"}) {
            String[] args = (command + " --help").split(" ");
            Run run = run(args);
            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).contains("Usage: sluice " + command);
        }
        assertThat(run("--help").out()).contains("sql", "serve", "demo", "user", "policy", "audit");
    }

    @Test
    void userAddPrintsAVerifierAndNeverThePassword() {
        java.io.InputStream oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("correct horse\n".getBytes(StandardCharsets.UTF_8)));
            Run run = run("user", "add", "zoe");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("  zoe:", "scram: \"SCRAM-SHA-256$4096:").doesNotContain("correct horse");
            String verifier = run.out().replaceAll("(?s).*scram: \"([^\"]+)\".*", "$1");
            assertThat(io.sluice.gateway.auth.ScramVerifier.parse(verifier).matches("correct horse")).isTrue();
        } finally {
            System.setIn(oldIn);
        }
    }

    @Test
    void badConfigurationIsOneLineNamingFileAndKey() throws Exception {
        Path conf = Files.writeString(dir.resolve("sluice.yaml"), "sources:\n  s:\n    type: nosuch\n");
        Run run = run("sql", "-c", conf.toString(), "select 1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("sluice: configuration error: " + conf)
                .contains("sources.s.type").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void missingConfigurationSaysHowToPointAtOne() {
        Run run = run("sql", "-c", dir.resolve("absent.yaml").toString(), "select 1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("file not found; pass -c");
    }

    @Test
    void statementPrintsAnAlignedTableAndErrorsPointAtTheMistake() throws Exception {
        Path files = Files.createDirectory(dir.resolve("files"));
        Files.writeString(files.resolve("pets.csv"), "name,legs\ncat,4\nbird,2\n");
        Path conf = Files.writeString(dir.resolve("sluice.yaml"), "sources:\n  lake:\n    type: files\n    path: files\n");
        Run ok = run("sql", "-c", conf.toString(), "select name, legs from lake.pets order by legs");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains(" name | legs", "------+-----", " bird |    2", " cat  |    4", "(2 rows)");
        Run bad = run("sql", "-c", conf.toString(), "select nmae from lake.pets");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("ERROR:  column \"nmae\" does not exist (SQLSTATE 42703)",
                "LINE 1: select nmae from lake.pets", "               ^");
    }
}
