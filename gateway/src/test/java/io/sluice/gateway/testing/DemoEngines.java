package io.sluice.gateway.testing;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import java.util.List;

/** The demo's three sources (sales on PostgreSQL, crm on MariaDB, lake on files) as configuration. */
public final class DemoEngines {
    private DemoEngines() {}

    public static SluiceConfig config(DemoDatabases databases) {
        return new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("sluice.yaml"),
                SharedDemoDatabases.testWorkRoot(), sources(databases), Limits.DEFAULTS);
    }

    public static List<SourceConfig> sources(DemoDatabases databases) {
        return List.of(
                SourceConfig.database("sales", SourceType.POSTGRESQL, databases.postgresJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test")),
                SourceConfig.database("crm", SourceType.MYSQL, databases.mariadbJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test")),
                SourceConfig.files("lake", databases.filesDirectory()));
    }
}
