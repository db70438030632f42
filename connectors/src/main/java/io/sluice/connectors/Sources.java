package io.sluice.connectors;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.connectors.catalog.SourceSchema;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.connectors.files.DuckDbDataSource;
import io.sluice.connectors.files.FileTables;
import io.sluice.connectors.jdbc.InstrumentedDataSource;
import io.sluice.connectors.jdbc.PushdownCapabilities;
import io.sluice.connectors.jdbc.SourceConvention;
import io.sluice.connectors.jdbc.SourceDialects;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All configured sources, attached to one Calcite root schema. Opening a source never contacts
 * it: pools connect on first use and metadata is read when a statement first names the source,
 * so a source that is down at start-up only fails the statements that use it.
 */
public final class Sources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private final Map<String, Source> byName;
    private final ExecutorService refresher;

    private Sources(Map<String, Source> byName, ExecutorService refresher) {
        this.byName = byName;
        this.refresher = refresher;
    }

    /** Opens every source and adds it to {@code root} under its name. */
    public static Sources open(List<SourceConfig> configs, SchemaPlus root) {
        requireNonNull(configs, "configs is null");
        ExecutorService refresher = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sluice-metadata-", 0).factory());
        Map<String, Source> byName = new LinkedHashMap<>();
        Sources sources = new Sources(byName, refresher);
        try {
            for (SourceConfig config : configs) {
                Source source = open(config, root, refresher);
                byName.put(config.name(), source);
                root.add(config.name(), source.schema());
            }
        } catch (RuntimeException e) {
            sources.close();
            throw e;
        }
        return sources;
    }

    public Optional<Source> get(String name) {
        return byName.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public List<Source> all() {
        return List.copyOf(byName.values());
    }

    private static Source open(SourceConfig config, SchemaPlus root, ExecutorService refresher) {
        SqlDialect dialect = SourceDialects.dialect(config.type());
        JdbcConvention convention = new SourceConvention(dialect,
                Schemas.subSchemaExpression(root, config.name(), JdbcSchema.class), config.name(),
                PushdownCapabilities.of(config.type()));
        return switch (config.type()) {
            case POSTGRESQL, MYSQL, SQLITE -> {
                HikariDataSource pool = pool(config);
                // Half the pool may hold queries sent ahead; SQLite answers one query at a time anyway.
                int prefetchSlots = config.type() == SourceType.SQLITE ? 0 : pool.getMaximumPoolSize() / 2;
                var dataSource = new InstrumentedDataSource(config.name(), pool,
                        SourceDialects.fetchSize(config.type()), prefetchSlots);
                yield new Source(config, dialect, convention, dataSource,
                        new SourceSchema(config, dataSource, dialect, convention, refresher, () -> { }), pool);
            }
            case DUCKDB -> {
                DuckDbDataSource duckdb = openDuckDb(config, config.url(), true);
                var dataSource = new InstrumentedDataSource(config.name(), duckdb, SourceDialects.fetchSize(
                        config.type()), 0);
                yield new Source(config, dialect, convention, dataSource,
                        new SourceSchema(config, dataSource, dialect, convention, refresher, () -> { }), duckdb);
            }
            case FILES -> {
                Path directory = config.path().orElseThrow(() -> new ConnectorException.BadSourceConfiguration(
                        config.name(), "a files source needs 'path:', the directory holding its CSV and Parquet files"));
                DuckDbDataSource duckdb = openDuckDb(config, "jdbc:duckdb:", false);
                var dataSource = new InstrumentedDataSource(config.name(), duckdb, SourceDialects.fetchSize(
                        config.type()), 0);
                Runnable syncViews = () -> {
                    try {
                        FileTables.syncViews(duckdb, directory);
                    } catch (IOException e) {
                        throw new ConnectorException.SourceUnavailable(config.name(),
                                "cannot read directory " + directory + ": " + e.getMessage(), e);
                    } catch (SQLException e) {
                        throw new ConnectorException.SourceUnavailable(config.name(),
                                "cannot list the files of " + directory + " in DuckDB: " + e.getMessage(), e);
                    }
                };
                yield new Source(config, dialect, convention, dataSource,
                        new SourceSchema(config, dataSource, dialect, convention, refresher, syncViews), duckdb);
            }
        };
    }

    private static DuckDbDataSource openDuckDb(SourceConfig config, String url, boolean readOnly) {
        try {
            return DuckDbDataSource.open(url, readOnly);
        } catch (SQLException e) {
            throw new ConnectorException.SourceUnavailable(config.name(), e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(SourceConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sluice-" + config.name());
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password().value());
        }
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setMinimumIdle(Math.min(2, config.maxConnections()));
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(config.connectTimeout().toMillis(), 5000)));
        // Never fail construction: a source that is down at start-up must not stop the gateway.
        hikari.setInitializationFailTimeout(-1);
        switch (config.type()) {
            case POSTGRESQL -> {
                // Cursor-based streaming in pgjdbc needs a transaction around the fetches.
                hikari.setAutoCommit(false);
                hikari.setReadOnly(true);
                // Also read-only outside a transaction: a statement whose rows fit in one fetch
                // runs in auto-commit, without the BEGIN and the ROLLBACK (ForwardedRows).
                // Custom plans only: a dependent join's keys are one array parameter, and a generic
                // plan (PostgreSQL's choice after five runs of a prepared statement) neither knows
                // how many keys there are nor hashes them, so it would compare every row with each.
                hikari.addDataSourceProperty("options",
                        "-c default_transaction_read_only=on -c plan_cache_mode=force_custom_plan");
                hikari.addDataSourceProperty("ApplicationName", "sluice");
                hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
            }
            case MYSQL -> {
                hikari.setReadOnly(true);
                hikari.addDataSourceProperty("connectTimeout", config.connectTimeout().toMillis());
            }
            case SQLITE -> hikari.setMaximumPoolSize(Math.min(4, config.maxConnections()));
            case DUCKDB, FILES -> throw new IllegalStateException("DuckDB sources are not pooled");
        }
        return new HikariDataSource(hikari);
    }

    /** The connection pool behind a source, for tests and health checks. */
    public static DataSource pool(Source source) {
        return source.dataSource().pool();
    }

    @Override
    public void close() {
        for (Source source : byName.values()) {
            try {
                source.resources().close();
            } catch (Exception e) {
                LOG.warn("Closing source {}: {}", source.name(), e.getMessage());
            }
        }
        refresher.shutdownNow();
    }

}
