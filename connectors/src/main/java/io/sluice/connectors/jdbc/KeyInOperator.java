package io.sluice.connectors.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * The key filter of a {@link DependentJoin}, written either as {@code key IN (?, ?, ...)} over one
 * placeholder per key or as {@code key = ANY (?)} over one placeholder bound to an array of keys.
 * Calcite has no relational IN over expressions other than literals (it writes them as a chain of
 * ORs), and sources treat the two very differently: PostgreSQL rechecks every OR term on every
 * row it fetches, which made a 256-key batch five times slower than the same keys as an IN list.
 */
final class KeyInOperator extends SqlSpecialOperator {
    /** Operands: the key, then one placeholder per key. */
    static final KeyInOperator PLACEHOLDERS = new KeyInOperator("SLUICE_KEY_IN");
    /** Operands: the key, then one placeholder for an array of keys. */
    static final KeyInOperator ARRAY = new KeyInOperator("SLUICE_KEY_ANY");

    private KeyInOperator(String name) {
        super(name, SqlKind.OTHER, 30, true, ReturnTypes.BOOLEAN_NULLABLE, null, null);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        SqlWriter.Frame whole = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE);
        call.operand(0).unparse(writer, getLeftPrec(), getRightPrec());
        if (this == ARRAY) {
            writer.keyword("=");
            writer.keyword("ANY");
        } else {
            writer.keyword("IN");
        }
        SqlWriter.Frame list = writer.startList("(", ")");
        for (int i = 1; i < call.operandCount(); i++) {
            writer.sep(",");
            call.operand(i).unparse(writer, 0, 0);
        }
        writer.endList(list);
        writer.endList(whole);
    }
}
