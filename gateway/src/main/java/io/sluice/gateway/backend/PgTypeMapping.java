package io.sluice.gateway.backend;

import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.types.PgInterval;
import io.sluice.gateway.wire.types.PgType;
import io.sluice.gateway.wire.types.PgTypes;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/** Between Calcite's SQL types and PostgreSQL's: what RowDescription says, and the values' Java classes. */
final class PgTypeMapping {
    private static final Map<Integer, String> SQL_TYPE_BY_OID = Map.ofEntries(
            Map.entry(PgTypes.BOOL.oid(), "BOOLEAN"), Map.entry(PgTypes.INT2.oid(), "SMALLINT"),
            Map.entry(PgTypes.INT4.oid(), "INTEGER"), Map.entry(PgTypes.INT8.oid(), "BIGINT"),
            Map.entry(PgTypes.FLOAT4.oid(), "REAL"), Map.entry(PgTypes.FLOAT8.oid(), "DOUBLE"),
            Map.entry(PgTypes.NUMERIC.oid(), "DECIMAL(38, 10)"), Map.entry(PgTypes.TEXT.oid(), "VARCHAR"),
            Map.entry(PgTypes.VARCHAR.oid(), "VARCHAR"), Map.entry(PgTypes.BPCHAR.oid(), "VARCHAR"),
            Map.entry(PgTypes.DATE.oid(), "DATE"), Map.entry(PgTypes.TIME.oid(), "TIME"),
            Map.entry(PgTypes.TIMESTAMP.oid(), "TIMESTAMP"), Map.entry(PgTypes.BYTEA.oid(), "VARBINARY"));

    private PgTypeMapping() {}

    /** The SQL type a client-declared parameter type is cast to, when Sluice knows it. */
    static Optional<String> sqlTypeForOid(int oid) {
        return Optional.ofNullable(SQL_TYPE_BY_OID.get(oid));
    }

    static PgType pgType(SqlTypeName type, Optional<SqlTypeName> element) {
        return switch (type) {
            case BOOLEAN -> PgTypes.BOOL;
            case TINYINT, SMALLINT -> PgTypes.INT2;
            case INTEGER -> PgTypes.INT4;
            case BIGINT -> PgTypes.INT8;
            case DECIMAL -> PgTypes.NUMERIC;
            case REAL -> PgTypes.FLOAT4;
            case FLOAT, DOUBLE -> PgTypes.FLOAT8;
            case CHAR -> PgTypes.BPCHAR;
            case VARCHAR -> PgTypes.VARCHAR;
            case DATE -> PgTypes.DATE;
            case TIME, TIME_WITH_LOCAL_TIME_ZONE -> PgTypes.TIME;
            case TIMESTAMP -> PgTypes.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> PgTypes.TIMESTAMPTZ;
            case BINARY, VARBINARY -> PgTypes.BYTEA;
            case ARRAY -> element.map(e -> pgType(e, Optional.empty())).flatMap(PgTypes::arrayOf).orElse(PgTypes.TEXT);
            default -> type.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME
                    || type.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_YEAR_MONTH
                    ? PgTypes.INTERVAL : PgTypes.TEXT;
        };
    }

    static Column column(ResultColumn column) {
        PgType type = pgType(column.type(), column.elementType());
        int typmod = -1;
        if (type == PgTypes.NUMERIC && column.precision() > 0) {
            typmod = ((column.precision() << 16) | Math.max(0, column.scale())) + 4;
        } else if ((type == PgTypes.VARCHAR || type == PgTypes.BPCHAR) && column.precision() > 0
                && column.precision() < 10_485_760) {
            typmod = column.precision() + 4;
        }
        return new Column(column.name(), type, typmod, 0, (short) 0);
    }

    /** Converts what the engine returns into the Java class the column's PostgreSQL type encodes. */
    static UnaryOperator<Object> converter(ResultColumn column) {
        PgType type = pgType(column.type(), column.elementType());
        if (type == PgTypes.INT2) {
            return v -> v instanceof Number n ? (Object) n.shortValue() : v;
        }
        if (type == PgTypes.INT4) {
            return v -> v instanceof Number n ? (Object) n.intValue() : v;
        }
        if (type == PgTypes.INT8) {
            return v -> v instanceof Number n ? (Object) n.longValue() : v;
        }
        if (type == PgTypes.FLOAT8) {
            return v -> v instanceof Number n ? (Object) n.doubleValue() : v;
        }
        if (type == PgTypes.FLOAT4) {
            return v -> v instanceof Number n ? (Object) n.floatValue() : v;
        }
        if (type == PgTypes.NUMERIC) {
            return v -> v instanceof Number n && !(v instanceof java.math.BigDecimal)
                    ? new java.math.BigDecimal(n.toString()) : v;
        }
        if (type == PgTypes.INTERVAL) {
            return v -> switch (v) {
                case Duration d -> PgInterval.of(d);
                case Period p -> PgInterval.of(p, Duration.ZERO);
                default -> v;
            };
        }
        if (type == PgTypes.TEXT) {
            return v -> v == null ? null : v.toString();
        }
        return UnaryOperator.identity();
    }
}
