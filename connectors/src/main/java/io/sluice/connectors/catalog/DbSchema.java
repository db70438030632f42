package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.ConnectorException;
import io.sluice.connectors.config.SourceType;
import io.sluice.connectors.jdbc.PushdownCapabilities;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.util.NameMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schema of one source ({@code sales.public}). The table list is read once, cached, and
 * refreshed in the background on the source's interval; Calcite's own {@link JdbcSchema} would
 * query the source's metadata on every name lookup.
 */
final class DbSchema extends JdbcSchema {
    private static final Logger LOG = LoggerFactory.getLogger(DbSchema.class);

    private final String source;
    private final String name;
    private final Cached<Lookup<Table>> tables;

    DbSchema(String source, String name, SourceType type, DataSource dataSource, SqlDialect dialect,
            JdbcConvention convention, MetadataReader.JdbcLocation location, Duration refresh, Executor refresher,
            Runnable beforeListing) {
        super(dataSource, dialect, convention, location.catalog(), location.schema());
        this.source = requireNonNull(source, "source is null");
        this.name = requireNonNull(name, "name is null");
        this.tables = new Cached<>(() -> {
            beforeListing.run();
            return load(type, dataSource, location);
        }, refresh, refresher,
                e -> LOG.warn("Keeping the table list of {}.{}: {}", source, name, e.getMessage()),
                Clock.systemUTC());
    }

    @Override
    public Lookup<Table> tables() {
        return new RefreshingLookup<>(tables::get);
    }

    private Lookup<Table> load(SourceType type, DataSource dataSource, MetadataReader.JdbcLocation location) {
        List<MetadataReader.Listed> listed;
        try (Connection connection = dataSource.getConnection()) {
            listed = MetadataReader.tables(type, connection, location);
        } catch (SQLException e) {
            throw new ConnectorException.SourceUnavailable(source, e.getMessage(), e);
        }
        Function<String, Table> jdbcTables = super.tables()::get;
        PushdownCapabilities capabilities = PushdownCapabilities.of(type);
        NameMap<Table> map = new NameMap<>();
        for (MetadataReader.Listed table : listed) {
            map.put(table.name(), new SourceTable(source, name, table.name(), table.rowCount(), table.distinctValues(),
                    memoize(() -> (JdbcTable) requireNonNull(jdbcTables.apply(table.name()),
                            () -> "table " + table.name() + " vanished from " + source)),
                    capabilities, memoize(() -> primaryKey(dataSource, location, table.name()))));
        }
        LOG.debug("Loaded {} tables of {}.{}", listed.size(), source, name);
        return Lookup.of(map);
    }

    /** The primary key's columns, or none when the source has no key or will not say. */
    private List<String> primaryKey(DataSource dataSource, MetadataReader.JdbcLocation location, String table) {
        try (Connection connection = dataSource.getConnection()) {
            return MetadataReader.primaryKey(connection, location, table);
        } catch (SQLException e) {
            LOG.debug("No primary key for {}.{}.{}: {}", source, name, table, e.getMessage());
            return List.of();
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = supplier.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
