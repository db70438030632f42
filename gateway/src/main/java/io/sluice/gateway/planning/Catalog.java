package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Sources;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.gateway.catalog.SystemSchemas;
import io.sluice.gateway.catalog.CatalogVisibility;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Everything a statement can name: one sub-schema per configured source. The Calcite root is
 * built without Calcite's own caching, because each source caches and refreshes its metadata
 * itself (see {@code DbSchema}) and Calcite's cache would never let go of a stale table list.
 */
public final class Catalog implements AutoCloseable {
    private final CalciteSchema rootSchema;
    private final Sources sources;

    private Catalog(CalciteSchema rootSchema, Sources sources) {
        this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    public static Catalog open(List<SourceConfig> sourceConfigs) {
        return open(sourceConfigs, sources -> CatalogVisibility.ALL);
    }

    /** Opens the sources; {@code visibility} decides, per session, which of their tables catalogs list. */
    public static Catalog open(List<SourceConfig> sourceConfigs, Function<Sources, CatalogVisibility> visibility) {
        CalciteSchema rootSchema = CalciteSchema.createRootSchema(false, false);
        Sources sources = Sources.open(sourceConfigs, rootSchema.plus());
        SystemSchemas.register(rootSchema.plus(), sources, visibility.apply(sources));
        return new Catalog(rootSchema, sources);
    }

    public CalciteSchema rootSchema() {
        return rootSchema;
    }

    public SchemaPlus root() {
        return rootSchema.plus();
    }

    public Sources sources() {
        return sources;
    }

    @Override
    public void close() {
        sources.close();
    }
}
