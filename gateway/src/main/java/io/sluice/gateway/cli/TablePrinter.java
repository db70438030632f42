package io.sluice.gateway.cli;

import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.ResultColumn;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Prints a result the way psql does: a header, a rule, aligned rows, and the row count. Rows
 * are printed in batches so a huge result streams to the terminal instead of being held to
 * measure column widths; widths are fixed by the first batch and grow if a later one needs it.
 */
final class TablePrinter {
    private static final int BATCH = 1000;

    private TablePrinter() {}

    static long print(ResultCursor cursor, PrintStream out) {
        List<ResultColumn> columns = cursor.columns();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).name().length();
        }
        boolean headerPrinted = false;
        long count = 0;
        List<String[]> batch = new ArrayList<>(BATCH);
        boolean more = true;
        while (more) {
            more = cursor.next();
            if (more) {
                String[] row = render(cursor.row());
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
                batch.add(row);
                count++;
            }
            if (batch.size() == BATCH || (!more)) {
                if (!headerPrinted) {
                    printHeader(columns, widths, out);
                    headerPrinted = true;
                }
                for (String[] row : batch) {
                    printRow(row, columns, widths, out);
                }
                batch.clear();
            }
        }
        out.println(count == 1 ? "(1 row)" : "(" + count + " rows)");
        out.println();
        return count;
    }

    private static void printHeader(List<ResultColumn> columns, int[] widths, PrintStream out) {
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                header.append(" | ");
                rule.append("-+-");
            }
            String name = columns.get(i).name();
            int pad = widths[i] - name.length();
            header.append(" ".repeat(pad / 2)).append(name).append(" ".repeat(pad - pad / 2));
            rule.append("-".repeat(widths[i]));
        }
        out.println(" " + header.toString().stripTrailing());
        out.println("-" + rule + "-");
    }

    private static void printRow(String[] row, List<ResultColumn> columns, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(" | ");
            }
            boolean numeric = columns.get(i).type().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC;
            String pad = " ".repeat(widths[i] - row[i].length());
            line.append(numeric ? pad + row[i] : row[i] + pad);
        }
        out.println(line.toString().stripTrailing());
    }

    private static String[] render(Object[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = render(values[i]);
        }
        return out;
    }

    static String render(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal d -> d.toPlainString();
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            case Boolean b -> b ? "t" : "f";
            default -> value.toString();
        };
    }
}
