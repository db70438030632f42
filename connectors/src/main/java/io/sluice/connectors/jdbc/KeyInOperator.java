package io.sluice.connectors.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * {@code key IN (?, ?, ...)} over placeholders, for the key filter of a {@link DependentJoin}.
 * Calcite has no relational IN over expressions other than literals (it writes them as a chain of
 * ORs), and sources treat the two very differently: PostgreSQL rechecks every OR term on every
 * row it fetches, which made a 256-key batch five times slower than the same keys as an IN list.
 */
final class KeyInOperator extends SqlSpecialOperator {
    static final KeyInOperator INSTANCE = new KeyInOperator();

    private KeyInOperator() {
        super("SLUICE_KEY_IN", SqlKind.OTHER, 30, true, ReturnTypes.BOOLEAN_NULLABLE, null, null);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        SqlWriter.Frame whole = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE);
        call.operand(0).unparse(writer, getLeftPrec(), getRightPrec());
        writer.keyword("IN");
        SqlWriter.Frame list = writer.startList("(", ")");
        for (int i = 1; i < call.operandCount(); i++) {
            writer.sep(",");
            call.operand(i).unparse(writer, 0, 0);
        }
        writer.endList(list);
        writer.endList(whole);
    }
}
