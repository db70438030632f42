package io.sluice.gateway.planning;

import io.sluice.gateway.metering.MeteredInput;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.Converter;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Population sizes (distinct values of columns before any filter) passed through the operators
 * Calcite does not pass them through, as {@link DistinctValues} does for distinct values: sets of
 * equivalent plans, fragments' converters and metering. Everything else is Calcite's. Public only because Calcite compiles code that calls it.
 */
public final class PopulationSizes implements MetadataHandler<BuiltInMetadata.PopulationSize> {
    static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(
            new PopulationSizes(), BuiltInMetadata.PopulationSize.Handler.class);

    private PopulationSizes() {}

    @Override
    public MetadataDef<BuiltInMetadata.PopulationSize> getDef() {
        return BuiltInMetadata.PopulationSize.DEF;
    }

    public @Nullable Double getPopulationSize(RelSubset subset, RelMetadataQuery mq, ImmutableBitSet columns) {
        RelNode plan = subset.getBest() != null ? subset.getBest() : subset.getOriginal();
        if (plan == null) {
            return null;
        }
        try {
            return mq.getPopulationSize(plan, columns);
        } catch (CyclicMetadataException e) {
            return null;
        }
    }

    public @Nullable Double getPopulationSize(Converter converter, RelMetadataQuery mq, ImmutableBitSet columns) {
        return mq.getPopulationSize(converter.getInput(), columns);
    }

    public @Nullable Double getPopulationSize(MeteredInput metered, RelMetadataQuery mq, ImmutableBitSet columns) {
        return mq.getPopulationSize(metered.getInput(), columns);
    }
}
