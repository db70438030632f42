package io.sluice.gateway.planning;

import java.util.List;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;

/**
 * The estimates the planner works from: Calcite's, with join selectivity, EXISTS joins' rows and
 * distinct values sharpened ({@link JoinSelectivity}, {@link ExistsJoinRows}, {@link DistinctValues},
 * {@link PopulationSizes}). The tables' own distinct values come from the sources through each
 * table's handler.
 */
final class PlannerMetadata {
    static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
            JoinSelectivity.SOURCE, ExistsJoinRows.SOURCE, DistinctValues.SOURCE, PopulationSizes.SOURCE,
            DefaultRelMetadataProvider.INSTANCE));

    private PlannerMetadata() {}
}
