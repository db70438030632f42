package io.sluice.gateway.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row filters and masks a policy returns for a sys table shape what the sys table shows. */
class SysPolicyRewriteTest {
    /** Auditors see only denied statements, with the SQL text masked; admins see everything. */
    private static final String BUNDLE = """
            package sluice

            import rego.v1

            default decision := {"allow": false, "reasons": ["no rule allows this statement"]}

            decision := {"allow": true, "reasons": ["admins"], "tables": {}} if "admins" in input.user.groups

            decision := {"allow": true, "reasons": ["auditors see denials"], "tables": {"sys.sys.audit": {
            \t"row_filters": [{"expression": "outcome = 'denied'", "rule": "denials_only"}],
            \t"column_masks": {"sql": {"mask": "constant", "value": "hidden", "rule": "hide_sql"}},
            \t"denied_columns": {},
            }}} if {
            \t"auditors" in input.user.groups
            \tevery r in input.resources { r.source == "sys" }
            }
            """;

    @TempDir
    Path bundle;

    @Test
    void rowFilterAndMaskApplyToSysAudit() throws IOException {
        Files.writeString(bundle.resolve("policy.rego"), BUNDLE);
        SessionContext admin = new SessionContext("admin", List.of("admins"), Map.of());
        SessionContext sam = new SessionContext("sam", List.of("auditors"), Map.of());
        SessionContext nobody = new SessionContext("nobody", List.of(), Map.of());
        try (Engine engine = Engine.start(DemoEngines.withPolicy(SharedDemoDatabases.get(), bundle))) {
            SysTablesTest.rows(engine, "select r_name from lake.region", admin);
            assertThatThrownBy(() -> SysTablesTest.rows(engine, "select r_name from lake.region", nobody))
                    .isInstanceOf(SluiceException.class);
            List<Map<String, Object>> all = SysTablesTest.rows(engine, "select outcome, sql from sys.audit", admin);
            assertThat(all).extracting(r -> r.get("outcome")).contains("ok", "denied");
            assertThat(all).anyMatch(r -> r.get("sql").equals("select r_name from lake.region"));

            List<Map<String, Object>> seen = SysTablesTest.rows(engine, "select outcome, sql from sys.audit", sam);
            assertThat(seen).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("denied");
                assertThat(r.get("sql")).isEqualTo("hidden");
            });
        }
    }
}
