package io.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metadata is read lazily, cached, and refreshed on the source's interval. */
class MetadataRefreshTest {
    @Test
    void aTableCreatedAfterTheFirstLookupAppearsAfterTheRefreshInterval() throws Exception {
        DemoDatabases databases = SharedDemoDatabases.get();
        try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
             Statement statement = admin.createStatement()) {
            statement.execute("drop schema if exists scratch_refresh cascade");
            statement.execute("create schema scratch_refresh");
            statement.execute("create table scratch_refresh.first (id int primary key)");
            statement.execute("grant usage on schema scratch_refresh to " + databases.user());
            statement.execute("alter default privileges in schema scratch_refresh grant select on tables to "
                    + databases.user());
            statement.execute("grant select on scratch_refresh.first to " + databases.user());
        }
        SourceConfig source = SourceConfig.database("fresh", SourceType.POSTGRESQL, databases.postgresJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test"))
                .withSchemas(List.of("scratch_refresh"))
                .withMetadataRefresh(Duration.ofMillis(300));
        try (Engine engine = Engine.start(new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("x.yaml"),
                SharedDemoDatabases.testWorkRoot(), List.of(source), Limits.DEFAULTS))) {
            assertThat(count(engine, "select * from fresh.first")).isZero();
            assertThatThrownBy(() -> count(engine, "select * from fresh.second"))
                    .isInstanceOfSatisfying(SluiceException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));

            try (Connection admin = databases.openPostgresAdmin(DemoDatabases.SALES);
                 Statement statement = admin.createStatement()) {
                statement.execute("create table scratch_refresh.second (id int)");
                statement.execute("insert into scratch_refresh.second values (1), (2)");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Long rows = null;
            String lastError = "";
            while (rows == null && System.nanoTime() < deadline) {
                try {
                    rows = count(engine, "select * from fresh.second");
                } catch (SluiceException notYet) {
                    lastError = notYet.getMessage();
                    Thread.sleep(100);
                }
            }
            assertThat(rows).as("rows of the table created after the first lookup; last error: " + lastError)
                    .isEqualTo(2L);
        }
    }

    private static long count(Engine engine, String sql) {
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            long n = 0;
            while (cursor.next()) {
                n++;
            }
            return n;
        }
    }
}
