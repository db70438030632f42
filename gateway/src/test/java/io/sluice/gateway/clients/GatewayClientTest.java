package io.sluice.gateway.clients;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every real-client test shares: one gateway over the demo databases per test class, and
 * the probe values the client scripts look up (expected answers always come from the reference).
 */
abstract class GatewayClientTest {
    /** Order keys to look up: first, a middle one, one of several lines, the last at SF 0.01. */
    static final List<Long> KEYS = List.of(1L, 3L, 32L, 60000L);
    static final int CUSTKEY_BELOW = 20;
    static final LocalDate DATE = LocalDate.of(1993, 1, 1);

    static ClientHarness harness;

    @BeforeAll
    static void startGateway() {
        harness = ClientHarness.start();
    }

    @AfterAll
    static void stopGateway() {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }
}
