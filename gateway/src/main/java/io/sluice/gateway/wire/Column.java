package io.sluice.gateway.wire;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.wire.types.PgType;

/**
 * One result column as RowDescription describes it.
 *
 * @param name column label
 * @param type the PostgreSQL type; values in this column must be Java objects that type accepts
 * @param typmod type modifier (e.g. varchar(n) is n + 4, numeric(p,s) is ((p << 16) | s) + 4), -1 for none
 * @param tableOid OID of the source table, 0 when not a plain table column
 * @param columnNumber attribute number in that table, 0 when not a plain table column
 */
public record Column(String name, PgType type, int typmod, int tableOid, short columnNumber) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public Column(String name, PgType type) {
        this(name, type, -1, 0, (short) 0);
    }

    public Column withTypmod(int newTypmod) {
        return new Column(name, type, newTypmod, tableOid, columnNumber);
    }
}
