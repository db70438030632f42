package io.sluice.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each named mask replaces values as documented and keeps the column's type. */
class NamedMasksTest {
    static final SessionContext ADMIN = new SessionContext("admin", List.of(), Map.of());
    static final SessionContext ANA = new SessionContext("ana", List.of(), Map.of());
    static final String SQL = "select o_totalprice, o_orderdate, o_comment, o_clerk, o_orderstatus, o_orderpriority,"
            + " o_shippriority, o_custkey from sales.orders where o_orderkey = 1";
    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(DemoEngines.withPolicy(SharedDemoDatabases.get(),
                Path.of("src/test/resources/policy-masks").toAbsolutePath()));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Object[] row(SessionContext session) {
        try (ResultCursor cursor = engine.execute(SQL, session)) {
            assertThat(cursor.next()).isTrue();
            return cursor.row().clone();
        }
    }

    @Test
    void everyMaskGivesTheDocumentedValue() {
        Object[] raw = row(ADMIN);
        Object[] masked = row(ANA);
        assertThat((BigDecimal) masked[0]).isEqualByComparingTo(
                ((BigDecimal) raw[0]).setScale(-3, RoundingMode.HALF_UP));
        assertThat(masked[1]).isEqualTo(LocalDate.parse("2000-01-01"));
        String comment = (String) raw[2];
        assertThat(masked[2]).isEqualTo(comment.substring(0, 4) + "x".repeat(comment.length() - 4));
        assertThat(masked[3]).isEqualTo(raw[3]);
        assertThat(masked[4]).isEqualTo(MaskFunctions.redact((String) raw[4])).isNotEqualTo(raw[4]);
        assertThat(masked[5]).isEqualTo(((String) raw[5]).charAt(0) + "-HIDDEN");
        assertThat(((Number) masked[6]).intValue()).isEqualTo(((Number) raw[6]).intValue() + 100);
        assertThat(((Number) masked[7]).longValue()).isEqualTo(7L);
    }

    @Test
    void maskedColumnsKeepTheirTypes() {
        try (ResultCursor admin = engine.execute(SQL, ADMIN); ResultCursor ana = engine.execute(SQL, ANA)) {
            assertThat(ana.columns().stream().map(ResultColumn::type).toList())
                    .isEqualTo(admin.columns().stream().map(ResultColumn::type).toList());
        }
    }

    @Test
    void aMaskThatCannotKeepTheTypeIsRefusedWithTheReason() {
        SessionContext nullMask = new SessionContext("nullmask", List.of(), Map.of());
        assertThatThrownBy(() -> row(nullMask)).isInstanceOf(SluiceException.class)
                .hasMessageContaining("null_on_not_null").hasMessageContaining("o_orderpriority")
                .hasMessageContaining("NOT NULL");
    }
}
