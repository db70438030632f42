package io.sluice.gateway.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The PostgreSQL types Sluice's columns are described with: the {@code pg_type} rows, and the
 * mapping from Calcite's types (the same one the wire protocol's RowDescription uses).
 */
record PgType(int oid, String name, String sqlName, int length, char category, int arrayOid, int elementOid,
        String input, int collation) {
    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int CHAR = 18;
    static final int NAME = 19;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int OID = 26;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int BPCHAR = 1042;
    static final int VARCHAR = 1043;
    static final int DATE = 1082;
    static final int TIME = 1083;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int INTERVAL = 1186;
    static final int NUMERIC = 1700;
    static final int UUID = 2950;
    static final int JSON = 114;
    static final int JSONB = 3802;

    static final int DEFAULT_COLLATION = 100;

    static final List<PgType> ALL;
    private static final Map<Integer, PgType> BY_OID;

    static {
        List<PgType> base = List.of(
                base(BOOL, "bool", "boolean", 1, 'B', 1000, "boolin"),
                base(BYTEA, "bytea", "bytea", -1, 'U', 1001, "byteain"),
                base(CHAR, "char", "\"char\"", 1, 'Z', 1002, "charin"),
                text(NAME, "name", "name", 64, 1003, "namein"),
                base(INT8, "int8", "bigint", 8, 'N', 1016, "int8in"),
                base(INT2, "int2", "smallint", 2, 'N', 1005, "int2in"),
                base(INT4, "int4", "integer", 4, 'N', 1007, "int4in"),
                text(TEXT, "text", "text", -1, 1009, "textin"),
                base(OID, "oid", "oid", 4, 'N', 1028, "oidin"),
                base(JSON, "json", "json", -1, 'U', 199, "json_in"),
                base(FLOAT4, "float4", "real", 4, 'N', 1021, "float4in"),
                base(FLOAT8, "float8", "double precision", 8, 'N', 1022, "float8in"),
                text(BPCHAR, "bpchar", "character", -1, 1014, "bpcharin"),
                text(VARCHAR, "varchar", "character varying", -1, 1015, "varcharin"),
                base(DATE, "date", "date", 4, 'D', 1182, "date_in"),
                base(TIME, "time", "time without time zone", 8, 'D', 1183, "time_in"),
                base(TIMESTAMP, "timestamp", "timestamp without time zone", 8, 'D', 1115, "timestamp_in"),
                base(TIMESTAMPTZ, "timestamptz", "timestamp with time zone", 8, 'D', 1185, "timestamptz_in"),
                base(INTERVAL, "interval", "interval", 16, 'T', 1187, "interval_in"),
                base(NUMERIC, "numeric", "numeric", -1, 'N', 1231, "numeric_in"),
                base(UUID, "uuid", "uuid", 16, 'U', 2951, "uuid_in"),
                base(JSONB, "jsonb", "jsonb", -1, 'U', 3807, "jsonb_in"));
        List<PgType> all = new java.util.ArrayList<>(base);
        for (PgType t : base) {
            all.add(new PgType(t.arrayOid, "_" + t.name, t.sqlName + "[]", -1, 'A', 0, t.oid, "array_in",
                    t.collation));
        }
        ALL = List.copyOf(all);
        BY_OID = ALL.stream().collect(Collectors.toUnmodifiableMap(PgType::oid, Function.identity()));
    }

    private static PgType base(int oid, String name, String sqlName, int length, char category, int array,
            String input) {
        return new PgType(oid, name, sqlName, length, category, array, 0, input, 0);
    }

    private static PgType text(int oid, String name, String sqlName, int length, int array, String input) {
        return new PgType(oid, name, sqlName, length, 'S', array, 0, input, DEFAULT_COLLATION);
    }

    static Optional<PgType> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    boolean isArray() {
        return category == 'A';
    }

    /** A column's PostgreSQL type and type modifier, as a client would see them described. */
    record Described(PgType type, int typmod) {}

    static Described describe(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        PgType pg = BY_OID.get(oidOf(name, type));
        int typmod = -1;
        int precision = type.getPrecision();
        if (pg.oid == NUMERIC && precision > 0 && precision != RelDataType.PRECISION_NOT_SPECIFIED) {
            typmod = ((precision << 16) | Math.max(0, type.getScale())) + 4;
        } else if ((pg.oid == VARCHAR || pg.oid == BPCHAR) && precision > 0
                && precision != RelDataType.PRECISION_NOT_SPECIFIED && precision < 10_485_760) {
            typmod = precision + 4;
        }
        return new Described(pg, typmod);
    }

    private static int oidOf(SqlTypeName name, RelDataType type) {
        return switch (name) {
            case BOOLEAN -> BOOL;
            case TINYINT, SMALLINT -> INT2;
            case INTEGER -> INT4;
            case BIGINT -> INT8;
            case DECIMAL -> NUMERIC;
            case REAL -> FLOAT4;
            case FLOAT, DOUBLE -> FLOAT8;
            case CHAR -> BPCHAR;
            case VARCHAR -> VARCHAR;
            case DATE -> DATE;
            case TIME, TIME_WITH_LOCAL_TIME_ZONE -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> TIMESTAMPTZ;
            case BINARY, VARBINARY -> BYTEA;
            case UUID -> UUID;
            case ARRAY -> {
                RelDataType element = type.getComponentType();
                PgType e = element == null ? null : BY_OID.get(oidOf(element.getSqlTypeName(), element));
                yield e == null || e.arrayOid == 0 ? TEXT : e.arrayOid;
            }
            default -> name.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME
                    || name.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_YEAR_MONTH
                    ? INTERVAL : TEXT;
        };
    }

    /** {@code format_type(oid, typmod)}: the SQL name with its modifier, as PostgreSQL prints it. */
    static String format(int oid, int typmod) {
        PgType type = BY_OID.get(oid);
        if (type == null) {
            return "???";
        }
        if (type.isArray()) {
            return format(type.elementOid, typmod) + "[]";
        }
        if (typmod < 0) {
            return oid == BPCHAR ? "bpchar" : type.sqlName;
        }
        return switch (oid) {
            case NUMERIC -> "numeric(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")";
            case VARCHAR, BPCHAR -> type.sqlName + "(" + (typmod - 4) + ")";
            default -> type.sqlName;
        };
    }
}
