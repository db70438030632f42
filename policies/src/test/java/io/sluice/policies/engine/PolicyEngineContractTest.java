package io.sluice.policies.engine;

import static io.sluice.policies.engine.Inputs.column;
import static io.sluice.policies.engine.Inputs.input;
import static io.sluice.policies.engine.Inputs.table;
import static io.sluice.policies.engine.Inputs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.Decision.ColumnMask;
import io.sluice.policies.decision.Decision.Denial;
import io.sluice.policies.decision.Decision.RowFilter;
import io.sluice.policies.decision.DecisionInput.User;
import io.sluice.policies.decision.Mask;
import io.sluice.policies.decision.PolicyException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The decision contract every engine must keep, run over one bundle ({@code engine-contract/}):
 * the embedded engine always, a real OPA server where Docker runs. Same bundle, same input, same
 * decision — or the same kind of failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PolicyEngineContractTest {
    static final User ANA = user("ana", List.of("analysts"), Map.of("region", "EU", "tenant", "t1"));

    private PolicyEngine engine;

    /** Starts the engine under test over the contract bundle directory. */
    protected abstract PolicyEngine startEngine(Path bundle);

    /** Why this engine cannot run on this machine; every test is then skipped with that reason. */
    protected Optional<String> unavailable() {
        return Optional.empty();
    }

    @BeforeAll
    void startEngine() {
        if (unavailable().isEmpty()) {
            engine = startEngine(contractBundle());
        }
    }

    @BeforeEach
    void requireEngine() {
        unavailable().ifPresent(Assumptions::abort);
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    static Path contractBundle() {
        try {
            return Path.of(PolicyEngineContractTest.class.getResource("/engine-contract").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void grantedTableIsAllowedWithoutRestrictions() {
        Decision d = engine.decide(input(ANA, table("sales.public.orders", column("o_orderkey"))));

        assertThat(d.allow()).isTrue();
        assertThat(d.reasons()).containsExactly("analysts may read sales.public.orders");
        assertThat(d.denials()).isEmpty();
        assertThat(d.tables()).containsOnlyKeys("sales.public.orders");
        assertThat(d.table("sales.public.orders").unrestricted()).isTrue();
        assertThat(d.revision()).isNotBlank().isEqualTo(engine.revision());
    }

    @Test
    void tableWithoutGrantIsDeniedNamingTheRuleAndOnlyThatTable() {
        User bob = user("bob", "sales_team");
        Decision d = engine.decide(input(bob, table("sales.public.orders"), table("crm.public.customer")));

        assertThat(d.allow()).isFalse();
        assertThat(d.denials()).containsExactly(new Denial("grants", Optional.of("sales.public.orders"),
                Optional.empty(), "bob has no grant on sales.public.orders"));
        assertThat(d.reasons()).containsExactly("sales_team may read crm.public.customer");
    }

    @Test
    void secretTableIsDeniedEvenWithAGrant() {
        Decision d = engine.decide(input(ANA, table("sales.public.payroll", List.of("secret"))));

        assertThat(d.allow()).isFalse();
        assertThat(d.denials()).containsExactly(new Denial("secret_tables", Optional.of("sales.public.payroll"),
                Optional.empty(), "sales.public.payroll is secret"));
    }

    @Test
    void rowFiltersFollowTheUsersAttributesInPolicyOrder() {
        Decision both = engine.decide(input(ANA, table("sales.public.people", List.of("regional"))));
        Decision regionOnly = engine.decide(input(user("uma", List.of("analysts"), Map.of("region", "US")),
                table("sales.public.people", List.of("regional")), table("sales.public.orders")));

        assertThat(both.table("sales.public.people").rowFilters()).containsExactly(
                new RowFilter("region = user_attribute('region')", "by_region"),
                new RowFilter("tenant_id = user_attribute('tenant')", "by_tenant"));
        assertThat(regionOnly.table("sales.public.people").rowFilters()).containsExactly(
                new RowFilter("region = user_attribute('region')", "by_region"));
        assertThat(regionOnly.table("sales.public.orders").rowFilters()).isEmpty();
    }

    @Test
    void everyNamedMaskAndAnExpressionMaskArriveWithTheirParameters() {
        Map<String, Mask> expected = Map.ofEntries(
                Map.entry("redact", new Mask.Redact()),
                Map.entry("show_last_4", new Mask.ShowLast4()),
                Map.entry("show_first_4", new Mask.ShowFirst4()),
                Map.entry("hash", new Mask.Hash()),
                Map.entry("null", new Mask.Null()),
                Map.entry("none", new Mask.None()),
                Map.entry("date_year", new Mask.DateYear()),
                Map.entry("email_domain", new Mask.EmailDomain()),
                Map.entry("constant", new Mask.Constant("(hidden)")),
                Map.entry("round", new Mask.Round(-3)),
                Map.entry("regex_replace", new Mask.RegexReplace("[0-9]", "#")),
                Map.entry("expression", new Mask.Expression("left(note, 3)")));
        var columns = expected.keySet().stream().map(name -> column("c_" + name, "mask:" + name))
                .toArray(io.sluice.policies.decision.DecisionInput.Column[]::new);

        Decision d = engine.decide(input(ANA, table("sales.public.people", List.of(), columns)));

        Map<String, ColumnMask> masks = d.table("sales.public.people").columnMasks();
        assertThat(masks).hasSize(expected.size());
        expected.forEach((name, mask) ->
                assertThat(masks.get("c_" + name)).isEqualTo(new ColumnMask(mask, "mask_" + name)));
        assertThat(d.allow()).isTrue();
    }

    @Test
    void deniedColumnsInShortAndLongForm() {
        var people = table("sales.public.people", List.of(), column("email"), column("ssn", "restricted"),
                column("pin", "secret"));

        Decision analyst = engine.decide(input(ANA, people));
        Decision hr = engine.decide(input(user("hana", "analysts", "hr"), people));

        assertThat(analyst.table("sales.public.people").deniedColumns()).isEqualTo(Map.of(
                "ssn", new Denial("denied_columns", Optional.of("sales.public.people"), Optional.of("ssn"),
                        "ssn is restricted to hr"),
                "pin", new Denial("secret_columns", Optional.of("sales.public.people"), Optional.of("pin"),
                        "pin is secret")));
        assertThat(hr.table("sales.public.people").deniedColumns()).containsOnlyKeys("pin");
    }

    @Test
    void undefinedDecisionFailsClosedAsUndefined() {
        assertThatThrownBy(() -> engine.decide(input(user("nobody"), table("sales.public.orders"))))
                .isInstanceOf(PolicyException.Undefined.class)
                .hasMessageContaining("data.sluice.decision");
    }

    @Test
    void conflictingValuesAreAnEngineFailure() {
        assertThatThrownBy(() -> engine.decide(input(user("conflict", "analysts"), table("sales.public.orders"))))
                .isInstanceOf(PolicyException.EngineFailure.class)
                .hasMessageContaining("eval_conflict_error");
    }
}
