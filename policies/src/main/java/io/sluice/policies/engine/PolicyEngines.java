package io.sluice.policies.engine;

import io.sluice.policies.rego.ActivePolicy;
import java.util.function.Consumer;

/** Wiring: the engine that {@link PolicySettings} names, behind the decision cache when it is on. */
public final class PolicyEngines {
    private PolicyEngines() {}

    public static PolicyEngine start(PolicySettings settings) {
        return start(settings, outcome -> {});
    }

    /**
     * @param onReload told about every bundle (re)load of the embedded engine; OPA reloads its own
     *                 bundles and reports them in its own log
     */
    public static PolicyEngine start(PolicySettings settings, Consumer<ActivePolicy.Outcome> onReload) {
        PolicyEngine engine = switch (settings.engine()) {
            case EMBEDDED -> EmbeddedPolicyEngine.start(settings.bundle(), settings.reloadInterval(),
                    settings.timeout(), onReload);
            case OPA -> OpaPolicyEngine.start(settings.opaUrl().orElseThrow(), settings.timeout(),
                    settings.reloadInterval());
        };
        boolean cached = settings.cacheTtl().isPositive();
        return cached ? new CachingPolicyEngine(engine, settings.cacheTtl()) : engine;
    }
}
