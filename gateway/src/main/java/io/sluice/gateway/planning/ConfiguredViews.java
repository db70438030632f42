package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.config.ConfigException;
import io.sluice.gateway.config.ViewConfig;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views of {@code sluice.yaml} in the catalog. They live in the schema {@value ConfiguredView#SCHEMA},
 * which is on the search path the way {@code pg_catalog} is: {@code contacts} and
 * {@code views.contacts} name the same view. So a view's name must not be taken by a source, by a
 * schema Sluice keeps ({@code views}, {@code sys}, {@code pg_catalog}, {@code information_schema}),
 * or by a table already reachable without a schema ({@code pg_class}, ...).
 *
 * <p>{@link #check} compiles every view at start-up: SQL that does not parse or validate, a view
 * that refers to itself, unnamed or repeated columns stop the gateway with the view's key and the
 * position in its SQL. A view over a source that is down is only warned about (it is checked again
 * when first used), as a source that is down never stops the gateway.
 */
public final class ConfiguredViews {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredViews.class);
    private static final Set<String> RESERVED = Set.of(ConfiguredView.SCHEMA, "sys", "pg_catalog", "information_schema");

    private final Path file;
    private final List<ConfiguredView> views;

    private ConfiguredViews(Path file, List<ConfiguredView> views) {
        this.file = requireNonNull(file, "file is null");
        this.views = List.copyOf(views);
    }

    /** Adds the views to the catalog, compiled by {@code planner} when first used. */
    public static ConfiguredViews register(Path file, Catalog catalog, SqlPlanner planner, List<ViewConfig> configs) {
        SchemaPlus root = catalog.root();
        if (root.subSchemas().get(ConfiguredView.SCHEMA) != null) {
            throw new ConfigException(file, "sources." + ConfiguredView.SCHEMA, "no source may be named '"
                    + ConfiguredView.SCHEMA + "': that schema holds the views of the views: section; rename the source");
        }
        List<ConfiguredView> views = new ArrayList<>();
        if (configs.isEmpty()) {
            return new ConfiguredViews(file, views);
        }
        SchemaPlus schema = root.add(ConfiguredView.SCHEMA, new AbstractSchema());
        for (ViewConfig config : configs) {
            String name = config.name().toLowerCase(Locale.ROOT);
            String key = "views." + config.name();
            if (RESERVED.contains(name)) {
                throw new ConfigException(file, key, "'" + name + "' is a schema Sluice keeps; rename the view");
            }
            if (catalog.sources().get(name).isPresent()) {
                throw new ConfigException(file, key, "a source is called '" + name + "' too, and views are"
                        + " reachable without a schema; rename the view");
            }
            if (root.tables().get(name) != null) {
                throw new ConfigException(file, key, "pg_catalog." + name + " has that name, and both are"
                        + " reachable without a schema; rename the view");
            }
            ConfiguredView view = new ConfiguredView(name, config.sql(), config.description(), planner::compileView);
            schema.add(name, view);
            root.add(name, view);
            views.add(view);
        }
        return new ConfiguredViews(file, views);
    }

    /** Compiles every view now, so a broken one stops start-up; see the class comment. */
    public void check() {
        for (ConfiguredView view : views) {
            try {
                view.compiled();
            } catch (ViewDefinitionException e) {
                String where = e.positionInView().isPresent()
                        ? " (at character " + e.positionInView().getAsInt() + " of its sql)" : "";
                throw new ConfigException(file, "views." + e.view() + ".sql", e.problem() + where);
            } catch (SluiceException e) {
                if (e.state() != SqlState.SOURCE_UNAVAILABLE) {
                    throw new ConfigException(file, "views." + view.name() + ".sql", e.getMessage());
                }
                LOG.warn("View {} reads a source that cannot be reached now; it is checked when first used: {}",
                        view.name(), e.getMessage());
            }
        }
    }

    public List<ConfiguredView> all() {
        return views;
    }
}
