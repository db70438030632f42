package io.sluice.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The harness rules the client tests rely on: skip a missing client locally, fail it in CI. */
class ClientHarnessTest {

    @Test
    void missingClientIsSkippedWithItsNameOutsideCi() {
        assertThatThrownBy(() -> ClientHarness.requireClient(false, "node-postgres (npm package pg)", "npm install pg", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("client not installed: node-postgres (npm package pg)")
                .hasMessageContaining("npm install pg");
    }

    @Test
    void missingClientFailsInCi() {
        assertThatThrownBy(() -> ClientHarness.requireClient(false, "pgbench", "apt-get install -y postgresql-contrib", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true but client not installed: pgbench");
    }

    @Test
    void presentClientIsNeitherSkippedNorFailed() {
        assertThatCode(() -> ClientHarness.requireClient(true, "psql", "apt-get install -y postgresql-client", true))
                .doesNotThrowAnyException();
    }

    @Test
    void runCapturesExitCodeOutputAndTheLastJsonLine() {
        ClientHarness.Run run = ClientHarness.run(List.of("/bin/sh", "-c",
                "echo noise; echo \"{\\\"port\\\": $SLUICE_PORT}\"; echo oops >&2; exit 3"),
                Map.of("SLUICE_PORT", "5433"), Duration.ofSeconds(30));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).isEqualTo("oops\n");
        assertThat(run.json().get("port").asInt()).isEqualTo(5433);
    }

    @Test
    void canonicalValuesMatchWhatTheClientScriptsPrint() {
        assertThat(ClientHarness.canonical(new java.math.BigDecimal("205654.30"))).isEqualTo("205654.30");
        assertThat(ClientHarness.canonical(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ClientHarness.canonical(java.sql.Date.valueOf("1993-10-14"))).isEqualTo("1993-10-14");
        assertThat(ClientHarness.canonical(null)).isNull();
    }
}
