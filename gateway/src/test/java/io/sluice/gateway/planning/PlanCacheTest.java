package io.sluice.gateway.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.session.SessionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
    private static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"));
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger planned = new AtomicInteger();
    private final PlanCache<Integer> cache = new PlanCache<>(Duration.ofSeconds(5), 100, now::get);

    private Integer plan(String sql, SessionContext session, String revision) {
        return cache.get(sql, session, revision, planned::incrementAndGet);
    }

    @Test
    void sameStatementSameUserSameRevisionIsPlannedOnce() {
        assertThat(plan("select 1", ANA, "r1")).isEqualTo(plan("select 1", ANA, "r1"));
        assertThat(planned).hasValue(1);
    }

    @Test
    void anotherUserAttributesRevisionOrTextPlansAgain() {
        plan("select 1", ANA, "r1");
        plan("select 1", new SessionContext("uma", List.of("analysts"), Map.of("region", "US")), "r1");
        plan("select 1", new SessionContext("ana", List.of("analysts"), Map.of("region", "US")), "r1");
        plan("select 1", new SessionContext("ana", List.of("admins"), Map.of("region", "EU")), "r1");
        plan("select 1", ANA, "r2");
        plan("select 2", ANA, "r1");
        assertThat(planned).hasValue(6);
    }

    @Test
    void entriesExpire() {
        plan("select 1", ANA, "r1");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        plan("select 1", ANA, "r1");
        assertThat(planned).hasValue(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        plan("select 1", ANA, "r1");
        assertThat(planned).hasValue(2);
    }

    @Test
    void failuresAreNotCachedAndZeroTtlDisablesCaching() {
        assertThatThrownBy(() -> cache.get("bad", ANA, "r1", () -> {
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(cache.size()).isZero();
        PlanCache<Integer> off = new PlanCache<>(Duration.ZERO, 100, now::get);
        off.get("select 1", ANA, "r1", planned::incrementAndGet);
        off.get("select 1", ANA, "r1", planned::incrementAndGet);
        assertThat(planned).hasValue(2);
    }
}
