package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.ConnectorException;
import io.sluice.connectors.config.SourceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.util.NameMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The top of one source in Sluice's catalog: {@code sales} holds {@code sales.public},
 * {@code sales.archive}, ... When the source exposes a single schema its tables also appear
 * directly, so {@code crm.customer} means {@code crm.crm.customer}.
 *
 * <p>It is itself a {@link JdbcSchema} because the code Calcite generates for a source fragment
 * reaches the source's data source by unwrapping the schema the source's convention points at,
 * and every schema of a source shares one convention (so joins across them push down too).
 */
public final class SourceSchema extends JdbcSchema {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSchema.class);

    private final SourceConfig config;
    private final Cached<Map<String, DbSchema>> schemas;
    private volatile Map<String, DbSchema> known = Map.of();

    /**
     * @param beforeListing runs before every read of a table list (a files source turns the files
     *                      now in its directory into views there)
     */
    public SourceSchema(SourceConfig config, DataSource dataSource, SqlDialect dialect, JdbcConvention convention,
            Executor refresher, Runnable beforeListing) {
        super(dataSource, dialect, convention, null, null);
        this.config = requireNonNull(config, "config is null");
        requireNonNull(beforeListing, "beforeListing is null");
        this.schemas = new Cached<>(() -> discover(dataSource, dialect, convention, refresher, beforeListing),
                config.metadataRefresh(), refresher,
                e -> LOG.warn("Keeping the schema list of {}: {}", config.name(), e.getMessage()), Clock.systemUTC());
    }

    public SourceConfig config() {
        return config;
    }

    @Override
    public Lookup<? extends Schema> subSchemas() {
        return new RefreshingLookup<Schema>(() -> {
            NameMap<Schema> map = new NameMap<>();
            schemas.get().forEach(map::put);
            return Lookup.of(map);
        });
    }

    /**
     * The tables reachable as {@code source.table}: those of the only schema, or of the schema a
     * plain connection to the source would use first (PostgreSQL's {@code public}, DuckDB's
     * {@code main}).
     */
    @Override
    public Lookup<Table> tables() {
        return new RefreshingLookup<>(this::defaultSchemaTables);
    }

    private Lookup<Table> defaultSchemaTables() {
        Map<String, DbSchema> all = schemas.get();
        if (all.size() == 1) {
            return all.values().iterator().next().tables();
        }
        DbSchema preferred = all.get(switch (config.type()) {
            case POSTGRESQL -> "public";
            case DUCKDB, FILES, SQLITE -> "main";
            case MYSQL -> "";
        });
        return preferred == null ? Lookup.empty() : preferred.tables();
    }

    private Map<String, DbSchema> discover(DataSource dataSource, SqlDialect dialect, JdbcConvention convention,
            Executor refresher, Runnable beforeListing) {
        Map<String, MetadataReader.JdbcLocation> found;
        try (Connection connection = dataSource.getConnection()) {
            found = MetadataReader.schemas(config.type(), connection);
        } catch (SQLException e) {
            throw new ConnectorException.SourceUnavailable(config.name(), e.getMessage(), e);
        }
        if (!config.schemas().isEmpty()) {
            var wanted = config.schemas().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            found.keySet().retainAll(wanted);
            if (found.isEmpty()) {
                throw new ConnectorException.BadSourceConfiguration(config.name(),
                        "none of the configured schemas " + config.schemas() + " exists in the source");
            }
        }
        // Keep the schema objects that still exist: their table lists stay cached (and keep
        // serving if the source becomes unreadable); only new schemas start empty.
        Map<String, DbSchema> previous = known;
        Map<String, DbSchema> current = found.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                (Function<Map.Entry<String, MetadataReader.JdbcLocation>, DbSchema>) e -> previous.containsKey(e.getKey())
                        ? previous.get(e.getKey())
                        : new DbSchema(config.name(), e.getKey(), config.type(), dataSource, dialect, convention,
                                e.getValue(), config.metadataRefresh(), refresher, beforeListing)));
        known = current;
        return current;
    }
}
