package io.sluice.gateway.planning;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's Babel conformance (lenient, PostgreSQL syntax accepted) minus what PostgreSQL does
 * not do. Babel lets a SELECT list refer to its own aliases, which turns a misspelt column into
 * "the definition of column 'x' depends on itself" instead of "column x does not exist".
 * Babel also accepts a column that is neither grouped nor aggregated (MySQL's loose GROUP BY,
 * wrapping it in ANY_VALUE); PostgreSQL refuses it, and Calcite's wrapping fails with a null
 * pointer on a window such as {@code sum(count(*)) over ()}.
 */
final class SluiceConformance extends SqlDelegatingConformance {
    static final SluiceConformance INSTANCE = new SluiceConformance();

    private SluiceConformance() {
        super(SqlConformanceEnum.BABEL);
    }

    @Override
    public SelectAliasLookup isSelectAlias() {
        return SelectAliasLookup.UNSUPPORTED;
    }

    @Override
    public boolean isNonStrictGroupBy() {
        return false;
    }
}
