package io.sluice.gateway.planning;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's Babel conformance (lenient, PostgreSQL syntax accepted) minus what PostgreSQL does
 * not do. Babel lets a SELECT list refer to its own aliases, which turns a misspelt column into
 * "the definition of column 'x' depends on itself" instead of "column x does not exist".
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
}
