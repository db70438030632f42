package io.sluice.policies.engine;

/** Starts the engine a configuration names, with the decision cache in front when its TTL is positive. */
public final class PolicyEngines {
    private PolicyEngines() {}

    public static PolicyEngine start(PolicySettings settings) {
        PolicyEngine engine = switch (settings.engine()) {
            case EMBEDDED -> EmbeddedPolicyEngine.start(settings.bundle(), settings.reloadInterval());
            case OPA -> throw new IllegalArgumentException("the opa engine is not built yet");
        };
        return settings.cacheTtl().isPositive() ? new CachingPolicyEngine(engine, settings.cacheTtl()) : engine;
    }
}
