package io.sluice.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.audit.AccessReview.Grant;
import io.sluice.gateway.audit.AccessReview.Principal;
import io.sluice.gateway.audit.AuditEntry.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessReviewTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private static Grant group(String name, String scope) {
        return new Grant(new Principal(Principal.Kind.GROUP, name), scope);
    }

    private static Statement read(String user, List<String> groups, String table, Duration ago) {
        AuditRecord r = AuditRecord.builder("q", user, "select 1").groups(groups).time(NOW.minus(ago))
                .table(table, List.of("c")).build();
        return new Statement(1, r, AuditEntry.GENESIS, AuditEntry.GENESIS);
    }

    @Test
    void scopesMatchByPrefixWithWildcards() {
        assertThat(group("g", "sales").covers("sales.public.orders")).isTrue();
        assertThat(group("g", "sales.public").covers("sales.public.orders")).isTrue();
        assertThat(group("g", "sales.*.ord*").covers("sales.public.orders")).isTrue();
        assertThat(group("g", "sales.public.orders").covers("sales.public.lineitem")).isFalse();
        assertThat(group("g", "sal").covers("sales.public.orders")).isFalse();
        assertThat(group("g", "SALES.Public").covers("sales.public.orders")).isTrue();
    }

    @Test
    void onlyOkStatementsInsideTheWindowExerciseAGrant() {
        Grant orders = group("analysts", "sales.public.orders");
        Grant crm = group("analysts", "crm");
        AuditRecord denied = AuditRecord.builder("q", "uma", "select 1").groups(List.of("analysts"))
                .time(NOW.minusSeconds(60)).table("crm.crm.customer", List.of("c"))
                .error(AuditRecord.Outcome.DENIED, "42501", "no").build();
        AccessReview.Result result = AccessReview.review(List.of(orders, crm), Map.of("zed", List.of("analysts")),
                List.of(read("ana", List.of("analysts"), "sales.public.orders", Duration.ofDays(1)),
                        read("uma", List.of("analysts"), "crm.crm.customer", Duration.ofDays(40)),
                        new Statement(2, denied, AuditEntry.GENESIS, AuditEntry.GENESIS)),
                NOW.minus(Duration.ofDays(30)), NOW);
        assertThat(result.unusedGrants()).containsExactly(crm);
        assertThat(result.idleUsers()).containsExactly("uma", "zed");
    }

    @Test
    void grantsAreFoundAnywhereInTheBundleData() throws Exception {
        Files.writeString(dir.resolve("data.json"), """
                {"sluice": {"a": {"grants": [{"group": "analysts", "source": "sales", "schema": "public"}]},
                            "b": [{"grants": [{"user": "sam", "source": "lake", "table": "nation"}]}]}}
                """);
        assertThat(BundleGrants.read(dir)).containsExactly(group("analysts", "sales.public"),
                new Grant(new Principal(Principal.Kind.USER, "sam"), "lake.*.nation"));
    }

    @Test
    void aMalformedGrantIsNamedByItsPath() throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"x\": {\"grants\": [{\"group\": \"g\", \"user\": \"u\", "
                + "\"source\": \"s\"}]}}");
        assertThatThrownBy(() -> BundleGrants.read(dir)).isInstanceOf(AuditException.class)
                .hasMessageContaining("x.grants[0] needs exactly one of 'group' or 'user'");
        Files.writeString(dir.resolve("data.json"), "{\"grants\": [{\"group\": \"g\"}]}");
        assertThatThrownBy(() -> BundleGrants.read(dir)).hasMessageContaining("grants[0] needs 'source'");
        assertThatThrownBy(() -> BundleGrants.read(dir.resolve("nope"))).hasMessageContaining("no such file");
    }

    @Test
    void theDefaultBundlesRoleGrantsAreReadPerGroup() {
        List<Grant> grants = BundleGrants.read(java.nio.file.Path.of("../policies/bundle").toAbsolutePath());
        assertThat(grants).contains(group("analysts", "sales"), group("analysts", "crm"), group("analysts", "lake"),
                group("auditors", "sys"), group("admins", "*"));
    }
}
