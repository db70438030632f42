package io.sluice.connectors;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.catalog.SourceSchema;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.jdbc.InstrumentedDataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.sql.SqlDialect;

/**
 * A configured source, ready to plan against: its Calcite schema, the dialect its SQL is written
 * in, the convention that marks plan nodes it will run, and the data source that runs them.
 */
public record Source(
        SourceConfig config,
        SqlDialect dialect,
        JdbcConvention convention,
        InstrumentedDataSource dataSource,
        SourceSchema schema,
        AutoCloseable resources) {

    public Source {
        requireNonNull(config, "config is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(convention, "convention is null");
        requireNonNull(dataSource, "dataSource is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(resources, "resources is null");
    }

    public String name() {
        return config.name();
    }
}
