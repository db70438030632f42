package io.sluice.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Source;
import io.sluice.connectors.Sources;
import io.sluice.gateway.catalog.CatalogVisibility;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.planning.PolicyTable;
import io.sluice.gateway.session.SessionContext;
import io.sluice.policies.decision.Decision;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.calcite.schema.Schema;

/**
 * Catalog listings follow policy: a table is listed only if the policy would let this user read
 * it, and its denied columns are left out. Asks the same decision entry point as statements do,
 * one table at a time (decisions are cached, so a listing costs one evaluation per table per
 * cache period). No decision means not listed.
 */
public final class PolicyCatalogVisibility implements CatalogVisibility {
    private final PolicyEnforcer enforcer;
    private final Sources sources;

    public PolicyCatalogVisibility(PolicyEnforcer enforcer, Sources sources) {
        this.enforcer = requireNonNull(enforcer, "enforcer is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    /** One decision per table: listed when allowed, without the columns it denies. */
    @Override
    public Optional<Predicate<String>> columns(SessionContext session, TableRef table) {
        return decision(session, table).filter(Decision::allow).map(decision -> {
            Decision.TableDecision rules = decision.table(table.source() + "." + table.schema() + "." + table.table());
            return column -> rules.deniedColumn(column).isEmpty();
        });
    }

    private Optional<Decision> decision(SessionContext session, TableRef ref) {
        Optional<PolicyTable> table = sources.get(ref.source()).map(Source::schema)
                .map(s -> s.subSchemas().get(ref.schema()))
                .map(Schema::tables)
                .map(t -> t.get(ref.table()))
                .flatMap(PolicyTable::of);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(enforcer.decide(enforcer.inputs().input(session, "catalog", "catalog listing",
                    List.of(table.get()))));
        } catch (SluiceException e) {
            return Optional.empty();
        }
    }

}
