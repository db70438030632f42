package io.sluice.gateway.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The names PostgreSQL gives unnamed result columns. Calcite calls them {@code EXPR$1};
 * PostgreSQL calls {@code count(*)} "count", {@code x::int} "x", and anything else
 * "?column?". Tools key on these names (pandas column labels, ORMs), so Sluice uses PostgreSQL's.
 */
final class ColumnNames {
    private ColumnNames() {}

    /**
     * Reads the select list as the user wrote it, so call this on the parsed statement before
     * validation (which rewrites the list in place). Empty when the list has a {@code *} or the
     * statement is not a plain SELECT: then Calcite's names stand.
     */
    static List<String> fromSelectList(SqlNode parsed) {
        SqlNode query = parsed instanceof SqlOrderBy orderBy ? orderBy.query : parsed;
        if (!(query instanceof SqlSelect select) || select.getSelectList() == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                return List.of();
            }
            names.add(nameOf(item));
        }
        return names;
    }

    /** Calcite's generated names replaced by PostgreSQL's; names the user gave are kept. */
    static List<String> postgres(List<String> fromSelectList, List<String> calciteNames) {
        List<String> names = new ArrayList<>(calciteNames);
        if (fromSelectList.size() != calciteNames.size()) {
            return names;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).matches("EXPR\\$\\d+")) {
                names.set(i, fromSelectList.get(i));
            }
        }
        return names;
    }

    private static String nameOf(SqlNode item) {
        return switch (item) {
            case SqlIdentifier id -> id.names.getLast().toLowerCase(Locale.ROOT);
            case SqlCall call when call.getKind() == SqlKind.AS -> nameOf(call.operand(1));
            case SqlCall call when call.getKind() == SqlKind.CAST -> {
                String inner = nameOf(call.operand(0));
                yield inner.equals("?column?") ? "?column?" : inner;
            }
            case SqlBasicCall call when call.getOperator() instanceof SqlFunction function ->
                    function.getName().toLowerCase(Locale.ROOT);
            default -> "?column?";
        };
    }
}
