package io.sluice.policies.engine;

import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.PolicyException;

/**
 * Answers {@code data.sluice.decision} for one statement. Implementations: {@link EmbeddedPolicyEngine}
 * (the in-process Rego evaluator, default) and an OPA server client (a real OPA server).
 * Thread-safe.
 */
public interface PolicyEngine extends AutoCloseable {
    /** The entry point every engine evaluates. */
    String DECISION_PATH = "sluice/decision";

    /**
     * @throws PolicyException whenever there is no well-formed decision; callers deny the statement
     */
    Decision decide(DecisionInput input);

    /** The revision of the bundle that decides now; part of every cache key. */
    String revision();

    @Override
    default void close() {}
}
