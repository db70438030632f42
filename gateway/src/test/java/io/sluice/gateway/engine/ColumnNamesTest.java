package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
    @Test
    void unnamedColumnsAreNamedAsPostgresNamesThem() {
        try (Engine engine = Engine.start(DemoEngines.config(SharedDemoDatabases.get()))) {
            var plan = engine.plan("select count(*), sum(o_totalprice), o_orderstatus, o_custkey::varchar,"
                    + " o_custkey + 1, max(o_orderdate) as latest from sales.orders group by o_orderstatus, o_custkey"
                    + " order by 1", SessionContext.localAdmin());
            assertThat(plan.columns()).extracting(ResultColumn::name)
                    .containsExactly("count", "sum", "o_orderstatus", "o_custkey", "?column?", "latest");
        }
    }
}
