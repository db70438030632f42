package io.sluice.gateway.planning;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Numeric typing closer to PostgreSQL's than Calcite's defaults: decimals up to 38 digits, sums
 * that widen instead of overflowing, averages with fractional digits, and CASE/UNION branches of
 * different string lengths typed VARCHAR (PostgreSQL never pads 'de' to 'de ').
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
    public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();
    private static final int MAX_DECIMAL = 38;
    private static final int AVG_MIN_SCALE = 6;

    private SluiceTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL / 2 : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return switch (argumentType.getSqlTypeName()) {
            case DECIMAL -> nullableLike(typeFactory,
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, argumentType.getScale()), argumentType);
            case TINYINT, SMALLINT, INTEGER -> nullableLike(typeFactory,
                    typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType);
            default -> super.deriveSumType(typeFactory, argumentType);
        };
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return switch (argumentType.getSqlTypeName()) {
            case DECIMAL, TINYINT, SMALLINT, INTEGER, BIGINT -> nullableLike(typeFactory,
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL,
                            Math.max(AVG_MIN_SCALE, Math.max(0, argumentType.getScale()))), argumentType);
            default -> super.deriveAvgAggType(typeFactory, argumentType);
        };
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    private static RelDataType nullableLike(RelDataTypeFactory typeFactory, RelDataType type, RelDataType like) {
        return typeFactory.createTypeWithNullability(type, like.isNullable());
    }
}
