package io.sluice.policies.engine;

import static io.sluice.policies.engine.Inputs.column;
import static io.sluice.policies.engine.Inputs.input;
import static io.sluice.policies.engine.Inputs.statement;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision cache in front of the real embedded engine (counting how often it is asked), with
 * a clock the test moves by hand.
 */
class CachingPolicyEngineTest {
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final DecisionInput ANA_ORDERS =
            input(user("ana", List.of("analysts"), Map.of("region", "EU")), table("sales.public.orders"));

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private EmbeddedPolicyEngine embedded;
    private Counting counting;

    /** Counts the decisions that reach the real engine, and whether it was closed. */
    private record Counting(PolicyEngine real, AtomicInteger calls, AtomicBoolean closed) implements PolicyEngine {
        Counting(PolicyEngine real) {
            this(real, new AtomicInteger(), new AtomicBoolean());
        }

        @Override
        public void close() {
            closed.set(true);
            real.close();
        }

        @Override
        public Decision decide(DecisionInput input) {
            calls.incrementAndGet();
            return real.decide(input);
        }

        @Override
        public String revision() {
            return real.revision();
        }
    }

    @BeforeEach
    void start() {
        embedded = EmbeddedPolicyEngine.start(PolicyEngineContractTest.contractBundle(), Duration.ofMinutes(10));
        counting = new Counting(embedded);
    }

    @AfterEach
    void stop() {
        embedded.close();
    }

    private CachingPolicyEngine cache(Duration ttl) {
        return new CachingPolicyEngine(counting, ttl, clock::get);
    }

    @Test
    void sameQuestionWithinTheTtlIsAnsweredFromTheCache() {
        CachingPolicyEngine cache = cache(TTL);

        Decision first = cache.decide(ANA_ORDERS);
        clock.addAndGet(TTL.toNanos() - 1);
        Decision second = cache.decide(ANA_ORDERS);

        assertThat(second).isSameAs(first);
        assertThat(counting.calls()).hasValue(1);
    }

    @Test
    void entryExpiresAtTheTtl() {
        CachingPolicyEngine cache = cache(TTL);

        cache.decide(ANA_ORDERS);
        clock.addAndGet(TTL.toNanos());
        cache.decide(ANA_ORDERS);

        assertThat(counting.calls()).hasValue(2);
    }

    @Test
    void statementTextIsNotPartOfTheKey() {
        CachingPolicyEngine cache = cache(TTL);
        var ana = ANA_ORDERS.user();

        cache.decide(statement(ana, "SELECT * FROM sales.public.orders", table("sales.public.orders")));
        cache.decide(statement(ana, "SELECT count(*) FROM sales.public.orders", table("sales.public.orders")));

        assertThat(counting.calls()).hasValue(1);
    }

    @Test
    void anotherUserGroupAttributeOrTableIsAnotherQuestion() {
        CachingPolicyEngine cache = cache(TTL);
        List<DecisionInput> questions = List.of(
                ANA_ORDERS,
                input(user("uma", List.of("analysts"), Map.of("region", "EU")), table("sales.public.orders")),
                input(user("ana", List.of("analysts", "hr"), Map.of("region", "EU")), table("sales.public.orders")),
                input(user("ana", List.of("analysts"), Map.of("region", "US")), table("sales.public.orders")),
                input(ANA_ORDERS.user(), table("sales.public.lineitem")),
                input(ANA_ORDERS.user(), table("sales.public.orders", column("o_comment"))),
                input(ANA_ORDERS.user(), table("sales.public.orders", List.of("regional"))),
                input(ANA_ORDERS.user(), table("sales.public.orders"), table("crm.public.customer")));

        questions.forEach(cache::decide);
        assertThat(counting.calls()).hasValue(questions.size());

        questions.forEach(cache::decide);
        assertThat(counting.calls()).hasValue(questions.size());
    }

    @Test
    void aNewBundleRevisionIsANewQuestion(@TempDir Path bundle) throws IOException {
        Files.writeString(bundle.resolve("decision.rego"), "package sluice\n\ndecision := {\"allow\": true}\n");
        try (EmbeddedPolicyEngine reloadable = EmbeddedPolicyEngine.start(bundle, Duration.ofMinutes(10))) {
            Counting calls = new Counting(reloadable);
            CachingPolicyEngine cache = new CachingPolicyEngine(calls, TTL, clock::get);
            assertThat(cache.decide(ANA_ORDERS).allow()).isTrue();

            Files.writeString(bundle.resolve("decision.rego"), "package sluice\n\ndecision := {\"allow\": false}\n");
            assertThat(reloadable.reloadIfChanged()).get().isInstanceOf(ActivePolicy.Accepted.class);

            assertThat(cache.decide(ANA_ORDERS).allow()).isFalse();
            assertThat(calls.calls()).hasValue(2);
        }
    }

    @Test
    void failuresAreNeverCached() {
        CachingPolicyEngine cache = cache(TTL);
        DecisionInput undefined = input(user("nobody"), table("sales.public.orders"));
        DecisionInput conflict = input(user("conflict", "analysts"), table("sales.public.orders"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.decide(undefined)).isInstanceOf(PolicyException.Undefined.class);
            assertThatThrownBy(() -> cache.decide(conflict)).isInstanceOf(PolicyException.EngineFailure.class);
        }

        assertThat(counting.calls()).hasValue(4);
    }

    @Test
    void zeroTtlAsksTheEngineEveryTime() {
        CachingPolicyEngine cache = cache(Duration.ZERO);

        cache.decide(ANA_ORDERS);
        cache.decide(ANA_ORDERS);

        assertThat(counting.calls()).hasValue(2);
    }

    @Test
    void revisionAndCloseReachTheEngine() {
        CachingPolicyEngine cache = cache(TTL);
        assertThat(cache.revision()).isEqualTo(embedded.revision()).isNotEqualTo("none");

        cache.close();
        assertThat(counting.closed()).isTrue();
    }
}
