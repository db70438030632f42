package io.sluice.gateway.wire.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registry of the PostgreSQL types the wire layer can read and write. */
public final class PgTypes {
    public static final PgType BOOL = new BoolType();
    public static final PgType BYTEA = new ByteaType();
    public static final PgType CHAR = new TextType(18, "char", 1, 1002);
    public static final PgType NAME = new TextType(19, "name", 64, 1003);
    public static final PgType INT8 = new IntegerType(20, "int8", 8, 1016, false);
    public static final PgType INT2 = new IntegerType(21, "int2", 2, 1005, false);
    public static final PgType INT4 = new IntegerType(23, "int4", 4, 1007, false);
    public static final PgType TEXT = new TextType(25, "text", -1, 1009);
    public static final PgType OID = new IntegerType(26, "oid", 4, 1028, true);
    public static final PgType JSON = new TextType(114, "json", -1, 199);
    public static final PgType FLOAT4 = new FloatType(true);
    public static final PgType FLOAT8 = new FloatType(false);
    public static final PgType UNKNOWN = new TextType(705, "unknown", -2, 0);
    public static final PgType BPCHAR = new TextType(1042, "bpchar", -1, 1014);
    public static final PgType VARCHAR = new TextType(1043, "varchar", -1, 1015);
    public static final PgType DATE = new DateType();
    public static final PgType TIME = new TimeType();
    public static final PgType TIMESTAMP = new TimestampType(false);
    public static final PgType TIMESTAMPTZ = new TimestampType(true);
    public static final PgType INTERVAL = new IntervalType();
    public static final PgType NUMERIC = new NumericType();
    public static final PgType UUID = new UuidType();
    public static final PgType JSONB = new JsonbType();

    private static final List<PgType> SCALARS = List.of(BOOL, BYTEA, CHAR, NAME, INT8, INT2, INT4, TEXT, OID, JSON,
            FLOAT4, FLOAT8, BPCHAR, VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, NUMERIC, UUID, JSONB);
    private static final Map<Integer, PgType> BY_OID = new LinkedHashMap<>();
    private static final Map<String, PgType> BY_NAME = new LinkedHashMap<>();

    static {
        for (PgType scalar : SCALARS) {
            register(scalar);
            register(new ArrayType(scalar));
        }
        register(UNKNOWN);
        Map<String, String> aliases = Map.ofEntries(
                Map.entry("boolean", "bool"), Map.entry("smallint", "int2"), Map.entry("integer", "int4"),
                Map.entry("int", "int4"), Map.entry("bigint", "int8"), Map.entry("real", "float4"),
                Map.entry("double precision", "float8"), Map.entry("decimal", "numeric"),
                Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"),
                Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
                Map.entry("time without time zone", "time"));
        aliases.forEach((alias, name) -> BY_NAME.put(alias, BY_NAME.get(name)));
    }

    private static void register(PgType type) {
        BY_OID.put(type.oid(), type);
        BY_NAME.put(type.name(), type);
    }

    private PgTypes() {}

    public static Optional<PgType> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** By PostgreSQL name ({@code int4}, {@code _int4}) or SQL spelling ({@code integer}). */
    public static Optional<PgType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The one-dimensional array type of a scalar type. */
    public static Optional<PgType> arrayOf(PgType element) {
        return byOid(element.arrayOid());
    }

    /** Every registered type, scalars and arrays. */
    public static List<PgType> all() {
        return List.copyOf(BY_OID.values());
    }
}
