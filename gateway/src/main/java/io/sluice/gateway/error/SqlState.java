package io.sluice.gateway.error;

/** The SQLSTATE codes Sluice reports; PostgreSQL's meanings, so clients can act on them. */
public enum SqlState {
    SYNTAX_ERROR("42601"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_FUNCTION("42883"),
    DATATYPE_MISMATCH("42804"),
    INSUFFICIENT_PRIVILEGE("42501"),
    AMBIGUOUS_COLUMN("42702"),
    /** A view whose definition cannot work (refers to itself, unnamed or repeated columns). */
    INVALID_OBJECT_DEFINITION("42P17"),
    GROUPING_ERROR("42803"),
    /** A scalar sub-query returned more than one row. */
    CARDINALITY_VIOLATION("21000"),
    INVALID_SCHEMA_NAME("3F000"),
    DATA_EXCEPTION("22000"),
    DIVISION_BY_ZERO("22012"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    INVALID_DATETIME_FORMAT("22007"),
    QUERY_CANCELED("57014"),
    FEATURE_NOT_SUPPORTED("0A000"),
    PROTOCOL_VIOLATION("08P01"),
    OUT_OF_MEMORY("53200"),
    PROGRAM_LIMIT_EXCEEDED("54000"),
    /** A source could not be reached or failed: the gateway itself is fine. */
    SOURCE_UNAVAILABLE("58000"),
    /** PostgreSQL's io_error: the audit log cannot be written, so statements are refused. */
    AUDIT_UNAVAILABLE("58030"),
    INTERNAL_ERROR("XX000");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
