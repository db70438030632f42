package io.sluice.policies.engine;

import static io.sluice.policies.engine.Inputs.input;
import static io.sluice.policies.engine.Inputs.table;
import static io.sluice.policies.engine.Inputs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.PolicyException;
import io.sluice.policies.rego.ActivePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine over a bundle directory the test writes and edits: hot reload, rejected
 * bundles, no bundle, and the ways a decision fails closed.
 */
class EmbeddedPolicyEngineTest {
    private static final Duration RELOAD = Duration.ofMillis(100);
    /** How long a reload may take on a loaded build machine before the test gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final DecisionInput ANA = input(user("ana", "analysts"), table("sales.public.orders"));

    @TempDir
    Path bundle;

    private final BlockingQueue<ActivePolicy.Outcome> reloads = new LinkedBlockingQueue<>();

    private void write(String rego) throws IOException {
        Files.writeString(bundle.resolve("decision.rego"), rego);
    }

    private static String allowWithReason(String reason) {
        return "package sluice\n\ndecision := {\"allow\": true, \"reasons\": [\"" + reason + "\"]}\n";
    }

    private EmbeddedPolicyEngine start() {
        return EmbeddedPolicyEngine.start(bundle, RELOAD, Duration.ZERO, reloads::add);
    }

    private ActivePolicy.Outcome nextReload() throws InterruptedException {
        ActivePolicy.Outcome outcome = reloads.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome).as("a reload reported within %s", PATIENCE).isNotNull();
        return outcome;
    }

    /** Asks until the decision is the wanted one (a reload may not have happened yet) or patience runs out. */
    private static Decision decideUntil(PolicyEngine engine, Predicate<Decision> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Decision d = engine.decide(ANA);
                if (wanted.test(d)) {
                    return d;
                }
            } catch (PolicyException notYet) {
                // the old bundle (or none) still decides; ask again
            }
            Thread.sleep(50);
        }
        return engine.decide(ANA);
    }

    @Test
    void editedBundleDecidesNewStatementsWithinSeconds() throws Exception {
        write(allowWithReason("first"));
        try (EmbeddedPolicyEngine engine = start()) {
            assertThat(nextReload()).isInstanceOf(ActivePolicy.Accepted.class);
            Decision before = engine.decide(ANA);
            assertThat(before.reasons()).containsExactly("first");

            write(allowWithReason("second edition"));
            Decision after = decideUntil(engine, d -> d.reasons().contains("second edition"));

            assertThat(after.reasons()).containsExactly("second edition");
            assertThat(after.revision()).isNotEqualTo(before.revision()).isEqualTo(engine.revision());
            assertThat(nextReload()).isInstanceOf(ActivePolicy.Accepted.class);
        }
    }

    @Test
    void newFileInTheBundleIsPickedUp() throws Exception {
        write("package sluice\n\ndecision := {\"allow\": true, \"reasons\": [r | some r in data.sluice.extra]}\n");
        try (EmbeddedPolicyEngine engine = start()) {
            assertThat(engine.decide(ANA).reasons()).isEmpty();

            Files.createDirectories(bundle.resolve("sluice"));
            Files.writeString(bundle.resolve("sluice/data.json"), "{\"extra\": [\"from data.json\"]}");

            assertThat(decideUntil(engine, d -> !d.reasons().isEmpty()).reasons()).containsExactly("from data.json");
        }
    }

    @Test
    void bundleThatFailsToCompileIsRejectedAndTheOldOneKeepsDeciding() throws Exception {
        write(allowWithReason("good"));
        try (EmbeddedPolicyEngine engine = start()) {
            var accepted = (ActivePolicy.Accepted) nextReload();
            String good = engine.revision();
            assertThat(good).isEqualTo(accepted.loaded().revision());

            write("package sluice\n\ndecision := {\"allow\": true\n");   // unclosed object
            var rejected = (ActivePolicy.Rejected) nextReload();

            assertThat(rejected.errors()).isNotEmpty();
            assertThat(rejected.errors().getFirst().code()).isEqualTo("rego_parse_error");
            assertThat(rejected.stillActive()).contains(good);
            assertThat(engine.revision()).isEqualTo(good);
            assertThat(engine.decide(ANA).reasons()).containsExactly("good");

            write(allowWithReason("fixed"));
            assertThat(decideUntil(engine, d -> d.reasons().contains("fixed")).reasons()).containsExactly("fixed");
        }
    }

    @Test
    void withoutABundleThatEverCompiledEveryStatementIsDenied() throws Exception {
        write("package sluice\n\ndecision := {\"allow\": unknown_rule}\n");
        try (EmbeddedPolicyEngine engine = start()) {
            assertThat(nextReload()).isInstanceOfSatisfying(ActivePolicy.Rejected.class,
                    r -> assertThat(r.stillActive()).isEmpty());
            assertThat(engine.revision()).isEqualTo("none");
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.NoPolicy.class)
                    .hasMessageContaining(bundle.toString());

            write(allowWithReason("at last"));
            assertThat(decideUntil(engine, d -> true).allow()).isTrue();
        }
    }

    @Test
    void missingOrEmptyBundleDirectoryIsRejectedAndDeniesEverything() throws Exception {
        Path absent = bundle.resolve("absent");
        try (EmbeddedPolicyEngine engine = EmbeddedPolicyEngine.start(absent, RELOAD, Duration.ZERO, reloads::add)) {
            assertThat(nextReload()).isInstanceOfSatisfying(ActivePolicy.Rejected.class, r ->
                    assertThat(r.errors().getFirst().message()).isEqualTo("the bundle directory does not exist"));
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.NoPolicy.class);

            Files.createDirectories(absent);
            Files.writeString(absent.resolve("data.json"), "{}");
            assertThat(nextReload()).isInstanceOfSatisfying(ActivePolicy.Rejected.class, r ->
                    assertThat(r.errors().getFirst().message()).isEqualTo("the bundle directory has no .rego file"));
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.NoPolicy.class);
        }
    }

    @Test
    void bundleEmptiedDuringADeployLeavesTheOldPolicyInForce() throws Exception {
        write(allowWithReason("kept"));
        try (EmbeddedPolicyEngine engine = start()) {
            assertThat(nextReload()).isInstanceOf(ActivePolicy.Accepted.class);

            Files.delete(bundle.resolve("decision.rego"));
            assertThat(nextReload()).isInstanceOf(ActivePolicy.Rejected.class);

            assertThat(engine.decide(ANA).reasons()).containsExactly("kept");
        }
    }

    @Test
    void undefinedDecisionIsUndefined() throws IOException {
        write("package sluice\n\ndecision := {\"allow\": true} if input.user.name == \"someone else\"\n");
        try (EmbeddedPolicyEngine engine = start()) {
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.Undefined.class);
        }
    }

    @Test
    void decisionOfTheWrongShapeIsMalformed() throws IOException {
        write("package sluice\n\ndecision := {\"allow\": \"yes\"}\n");
        try (EmbeddedPolicyEngine engine = start()) {
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.MalformedDecision.class)
                    .hasMessage("decision.allow must be true or false, got string");
        }
    }

    @Test
    void evaluationErrorIsAnEngineFailure() throws IOException {
        write("""
                package sluice

                decision := {"allow": true, "reasons": [to_number(input.user.name)]}
                """);
        try (EmbeddedPolicyEngine strictless = start()) {
            // OPA's default: a failing built-in makes its expression undefined, not an error
            assertThatThrownBy(() -> strictless.decide(ANA)).isInstanceOf(PolicyException.Undefined.class);
        }
        write("""
                package sluice

                decision := {"allow": true}
                decision := {"allow": false} if input.user.name == "ana"
                """);
        try (EmbeddedPolicyEngine engine = start()) {
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.EngineFailure.class)
                    .hasMessageContaining("eval_conflict_error");
        }
    }

    @Test
    void evaluationPastTheTimeoutIsAnEngineFailure() throws IOException {
        // about nine million steps: far beyond 50 ms on any machine
        write("""
                package sluice

                decision := {"allow": n > 0} if {
                	n := count([1 | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000)])
                }
                """);
        try (EmbeddedPolicyEngine engine = EmbeddedPolicyEngine.start(bundle, RELOAD, Duration.ofMillis(50), o -> {})) {
            assertThatThrownBy(() -> engine.decide(ANA)).isInstanceOf(PolicyException.EngineFailure.class)
                    .hasMessageContaining("eval_cancel_error");
        }
    }
}
