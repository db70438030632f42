package io.sluice.policies.engine;

import static io.sluice.policies.engine.Inputs.input;
import static io.sluice.policies.engine.Inputs.table;
import static io.sluice.policies.engine.Inputs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.decision.PolicyException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The factory picks the configured engine and puts the cache in front of it only when it is on. */
class PolicyEnginesTest {
    private static final PolicySettings EMBEDDED = PolicySettings.embedded(PolicyEngineContractTest.contractBundle());

    @Test
    void embeddedWithCache() {
        try (PolicyEngine engine = PolicyEngines.start(EMBEDDED)) {
            assertThat(engine).isInstanceOf(CachingPolicyEngine.class);
            assertThat(engine.decide(input(user("ana", "analysts"), table("sales.public.orders"))).allow()).isTrue();
        }
    }

    @Test
    void embeddedWithoutCache() {
        try (PolicyEngine engine = PolicyEngines.start(EMBEDDED.withCacheTtl(Duration.ZERO))) {
            assertThat(engine).isInstanceOf(EmbeddedPolicyEngine.class);
        }
    }

    @Test
    void opaFailsClosedWhenNobodyAnswers() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PolicySettings settings = EMBEDDED.withOpa(URI.create("http://127.0.0.1:" + port)).withCacheTtl(Duration.ZERO);
        try (PolicyEngine engine = PolicyEngines.start(settings)) {
            assertThat(engine).isInstanceOf(OpaPolicyEngine.class);
            assertThatThrownBy(() -> engine.decide(input(user("ana", "analysts"), table("sales.public.orders"))))
                    .isInstanceOf(PolicyException.EngineFailure.class);
        }
    }
}
