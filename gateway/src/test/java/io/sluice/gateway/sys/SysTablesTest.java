package io.sluice.gateway.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sys.audit and sys.queries through the engine, under the default policy bundle. */
class SysTablesTest {
    static final SessionContext ADMIN = new SessionContext("admin", List.of("admins"), Map.of());
    static final SessionContext SAM = new SessionContext("sam", List.of("auditors"), Map.of());
    static final SessionContext ANA = new SessionContext("ana", List.of("analysts"), Map.of("region", "EU"),
            new SessionContext.Client("10.1.2.3", "psql", "postgresql"));
    static final SessionContext NOBODY = new SessionContext("nobody", List.of(), Map.of());
    static Engine engine;

    @BeforeAll
    static void start() {
        Path bundle = Path.of("../policies/bundle").toAbsolutePath().normalize();
        assertThat(bundle.resolve("data.json")).as("the default bundle, seen from the gateway module").exists();
        engine = Engine.start(DemoEngines.withPolicy(SharedDemoDatabases.get(), bundle));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Every row as column name → value. */
    static List<Map<String, Object>> rows(String sql, SessionContext session) {
        return rows(engine, sql, session);
    }

    static List<Map<String, Object>> rows(Engine engine, String sql, SessionContext session) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, session)) {
            List<String> names = cursor.columns().stream().map(ResultColumn::name).toList();
            while (cursor.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), cursor.row()[i]);
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The sys.audit rows whose SQL contains {@code marker}; the probe's own SQL does not. */
    static List<Map<String, Object>> audited(String marker, SessionContext reader) {
        return rows("select * from sys.audit", reader).stream()
                .filter(r -> ((String) r.get("sql")).contains(marker)).toList();
    }

    @Test
    void anasStatementAppearsInSysAuditForAdmin() {
        String marker = "m-ana-" + System.nanoTime();
        long read = rows("select n_name, n_regionkey from lake.nation /* " + marker + " */", ANA).size();
        assertThat(read).isPositive();

        List<Map<String, Object>> found = audited(marker, ADMIN);
        assertThat(found).hasSize(1);
        Map<String, Object> r = found.getFirst();
        assertThat(r.get("user_name")).isEqualTo("ana");
        assertThat(r.get("groups")).isEqualTo("analysts");
        assertThat(r.get("client_address")).isEqualTo("10.1.2.3");
        assertThat(r.get("application")).isEqualTo("psql");
        assertThat(r.get("outcome")).isEqualTo("ok");
        assertThat(r.get("kind")).isEqualTo("select");
        assertThat(r.get("row_count")).isEqualTo(read);
        assertThat(r.get("sqlstate")).isNull();
        assertThat((String) r.get("tables")).contains("lake.").contains("nation").contains("n_name");
        assertThat((String) r.get("decision_id")).startsWith("d_");
        assertThat((String) r.get("query_id")).startsWith("q_");
        assertThat((Long) r.get("seq")).isPositive();
        LocalDateTime startedAt = (LocalDateTime) r.get("started_at");
        assertThat(startedAt.toInstant(ZoneOffset.UTC)).isCloseTo(java.time.Instant.now(),
                org.assertj.core.api.Assertions.within(10, ChronoUnit.MINUTES));
    }

    @Test
    void deniedStatementShowsItsSqlstateAndError() {
        String marker = "m-denied-" + System.nanoTime();
        assertThatThrownBy(() -> rows("select 1 from sys.queries /* " + marker + " */", ANA))
                .isInstanceOf(SluiceException.class);
        Map<String, Object> r = audited(marker, SAM).getFirst();
        assertThat(r.get("outcome")).isEqualTo("denied");
        assertThat(r.get("sqlstate")).isEqualTo("42501");
        assertThat((String) r.get("error")).contains("system_tables");
        assertThat(r.get("row_count")).isEqualTo(0L);
    }

    @Test
    void auditorsReadSysAudit() {
        String marker = "m-sam-" + System.nanoTime();
        rows("select r_name from lake.region /* " + marker + " */", ADMIN);
        assertThat(audited(marker, SAM)).singleElement()
                .satisfies(r -> assertThat(r.get("user_name")).isEqualTo("admin"));
    }

    @Test
    void analystsAndUsersWithoutGroupsAreDeniedNamingTheRule() {
        for (SessionContext user : List.of(ANA, NOBODY)) {
            for (String table : List.of("sys.audit", "sys.queries")) {
                assertThatThrownBy(() -> rows("select count(*) from " + table, user))
                        .as(user.user() + " on " + table)
                        .isInstanceOfSatisfying(SluiceException.class, e -> {
                            assertThat(e.state()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE);
                            assertThat(e.state().code()).isEqualTo("42501");
                            assertThat(e.getMessage()).contains("system_tables").contains("sys.sys." + table
                                    .substring(4));
                        });
            }
        }
    }

    @Test
    void runningStatementIsListedUntilItsCursorCloses() {
        String marker = "m-running-" + System.nanoTime();
        String probe = "select query_id, user_name, sql, kind, started_at, running_ms, rows_so_far from sys.queries";
        String queryId;
        try (ResultCursor open = engine.execute("select n_name from lake.nation /* " + marker + " */", ANA)) {
            assertThat(open.next()).isTrue();
            List<Map<String, Object>> running = rows(probe, ADMIN).stream()
                    .filter(r -> ((String) r.get("sql")).contains(marker)).toList();
            assertThat(running).hasSize(1);
            Map<String, Object> r = running.getFirst();
            assertThat(r.get("user_name")).isEqualTo("ana");
            assertThat(r.get("kind")).isEqualTo("select");
            assertThat(r.get("rows_so_far")).isEqualTo(1L);
            assertThat((Long) r.get("running_ms")).isNotNegative();
            assertThat(r.get("started_at")).isInstanceOf(LocalDateTime.class);
            queryId = (String) r.get("query_id");
            // The probe itself is running while it reads sys.queries.
            assertThat(rows(probe, ADMIN)).anyMatch(q -> q.get("sql").equals(probe));
        }
        assertThat(rows(probe, ADMIN)).noneMatch(r -> ((String) r.get("sql")).contains(marker));
        assertThat(audited(marker, ADMIN)).singleElement()
                .satisfies(r -> assertThat(r.get("query_id")).isEqualTo(queryId));
    }

    @Test
    void failedAndDeniedStatementsLeaveSysQueries() {
        String marker = "m-gone-" + System.nanoTime();
        assertThatThrownBy(() -> rows("select no_such_column from lake.nation /* " + marker + " */", ANA))
                .isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> rows("select * from sys.audit /* " + marker + " */", NOBODY))
                .isInstanceOf(SluiceException.class);
        // EXPLAIN ANALYZE runs the statement while it builds the answer; a source error there ends it too.
        assertThatThrownBy(() -> rows("explain analyze select cast(n_name as integer) from lake.nation /* "
                + marker + " */", ANA)).isInstanceOf(SluiceException.class);
        assertThat(rows("select sql from sys.queries", ADMIN))
                .noneMatch(r -> ((String) r.get("sql")).contains(marker));
        assertThat(audited(marker, ADMIN)).extracting(r -> r.get("kind") + " " + r.get("outcome"))
                .containsExactlyInAnyOrder("select failed", "select denied", "explain analyze failed");
    }

    @Test
    void filtersSortsAndLimitsLikeAnyTable() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> rows("select count(*) from sys.audit", NOBODY)).isInstanceOf(SluiceException.class);
        }
        List<Map<String, Object>> newest = rows("select seq, outcome, sqlstate from sys.audit"
                + " where outcome = 'denied' order by seq desc limit 2", SAM);
        assertThat(newest).hasSize(2).allSatisfy(r -> assertThat(r.get("sqlstate")).isEqualTo("42501"));
        assertThat((Long) newest.get(0).get("seq")).isGreaterThan((Long) newest.get(1).get("seq"));
    }

    @Test
    void readingSysAuditIsAuditedToo() {
        String marker = "m-self-" + System.nanoTime();
        long seen = rows("select seq, user_name from sys.audit where outcome = 'ok' /* " + marker + " */", SAM)
                .size();
        Map<String, Object> r = audited(marker, ADMIN).getFirst();
        assertThat(r.get("user_name")).isEqualTo("sam");
        assertThat(r.get("outcome")).isEqualTo("ok");
        assertThat(r.get("row_count")).isEqualTo(seen);
        assertThat((String) r.get("tables")).contains("sys.sys.audit").contains("seq").contains("user_name");
    }
}
