package io.sluice.policies.engine;

import java.nio.file.Path;
import java.time.Duration;

/** The decision contract on the in-process Rego evaluator; runs everywhere. */
class EmbeddedPolicyEngineContractTest extends PolicyEngineContractTest {
    @Override
    protected PolicyEngine startEngine(Path bundle) {
        return EmbeddedPolicyEngine.start(bundle, Duration.ofSeconds(1));
    }
}
