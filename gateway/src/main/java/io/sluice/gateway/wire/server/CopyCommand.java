package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.server.SqlTokens.Kind;
import io.sluice.gateway.wire.server.SqlTokens.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code COPY (query) TO STDOUT [WITH (FORMAT csv, HEADER, DELIMITER ',', NULL '')]} and
 * {@code COPY table [(columns)] TO STDOUT ...} (also the pre-9.0 option syntax
 * {@code WITH CSV HEADER}); psql's {@code \copy (query) to file} sends exactly this. The query
 * runs on the backend; rows go out as CopyData in text or CSV format.
 */
record CopyCommand(String query, boolean csv, boolean header, char delimiter, String nullString, char quote) {

    /** Empty when the statement is not a COPY; throws 0A000 for COPY forms we do not serve. */
    static Optional<CopyCommand> parse(String sql) {
        List<Token> t = SqlTokens.tokenize(sql);
        while (!t.isEmpty() && t.getLast().is(";")) {
            t = t.subList(0, t.size() - 1);
        }
        if (t.isEmpty() || !t.getFirst().is("copy")) {
            return Optional.empty();
        }
        int i = 1;
        String query;
        if (i < t.size() && t.get(i).is("(")) {
            int depth = 0;
            int j = i;
            for (; j < t.size(); j++) {
                if (t.get(j).is("(")) {
                    depth++;
                } else if (t.get(j).is(")") && --depth == 0) {
                    break;
                }
            }
            if (j >= t.size()) {
                throw PgException.syntaxError("syntax error at end of input", sql.length());
            }
            query = sql.substring(t.get(i).end(), t.get(j).start()).strip();
            i = j + 1;
        } else {
            StringBuilder table = new StringBuilder();
            while (i < t.size() && !t.get(i).is("(") && !t.get(i).is("to") && !t.get(i).is("from")) {
                Token token = t.get(i++);
                table.append(token.kind() == Kind.IDENTIFIER ? "\"" + token.text().replace("\"", "\"\"") + "\"" : token.text());
            }
            String columns = "*";
            if (i < t.size() && t.get(i).is("(")) {
                int close = i;
                while (close < t.size() && !t.get(close).is(")")) {
                    close++;
                }
                if (close >= t.size()) {
                    throw PgException.syntaxError("syntax error at end of input", sql.length());
                }
                columns = sql.substring(t.get(i).end(), t.get(close).start()).strip();
                i = close + 1;
            }
            if (table.isEmpty()) {
                throw PgException.syntaxError("syntax error at or near \"COPY\"", t.getFirst().start() + 1);
            }
            query = "SELECT " + columns + " FROM " + table;
        }
        if (i < t.size() && t.get(i).is("from")) {
            throw PgException.unsupported("COPY FROM is not supported: Sluice is read-only");
        }
        if (i + 1 >= t.size() || !t.get(i).is("to")) {
            throw PgException.syntaxError("syntax error in COPY: expected TO STDOUT", i < t.size() ? t.get(i).start() + 1 : sql.length());
        }
        if (!t.get(i + 1).is("stdout")) {
            throw PgException.unsupported("COPY to a file or program is not supported; use COPY ... TO STDOUT (psql: \\copy)");
        }
        i += 2;
        boolean csv = false;
        boolean header = false;
        Character delimiter = null;
        String nullString = null;
        char quote = '"';
        if (i < t.size() && t.get(i).is("with")) {
            i++;
        }
        boolean parenthesized = i < t.size() && t.get(i).is("(");
        if (parenthesized) {
            i++;
        }
        while (i < t.size()) {
            Token option = t.get(i++);
            if (option.is(",") || option.is(")")) {
                continue;
            }
            String name = option.text().toLowerCase(Locale.ROOT);
            Token value = i < t.size() && !t.get(i).is(",") && !t.get(i).is(")") && (parenthesized || isLegacyValued(name)) ? t.get(i++) : null;
            if (!parenthesized && (name.equals("delimiter") || name.equals("null") || name.equals("quote")) && value != null && value.is("as")) {
                value = i < t.size() ? t.get(i++) : null;
            }
            switch (name) {
                case "format" -> {
                    String format = value == null ? "" : value.text().toLowerCase(Locale.ROOT);
                    switch (format) {
                        case "csv" -> csv = true;
                        case "text" -> csv = false;
                        case "binary" -> throw PgException.unsupported("COPY BINARY is not supported; use FORMAT text or csv");
                        default -> throw PgException.syntaxError("COPY format \"" + format + "\" not recognized", option.start() + 1);
                    }
                }
                case "csv" -> csv = true;
                case "binary" -> throw PgException.unsupported("COPY BINARY is not supported; use FORMAT text or csv");
                case "header" -> header = value == null || isTrue(value.text());
                case "delimiter" -> delimiter = singleChar(value, "delimiter");
                case "quote" -> quote = singleChar(value, "quote");
                case "null" -> nullString = value == null ? "" : value.text();
                case "encoding" -> {
                    // UTF8 only; anything else would need conversion.
                    if (value != null && !value.text().replace("-", "").equalsIgnoreCase("utf8")) {
                        throw PgException.unsupported("COPY ENCODING other than UTF8 is not supported");
                    }
                }
                default -> throw PgException.syntaxError("option \"" + name + "\" not recognized", option.start() + 1);
            }
        }
        char d = delimiter != null ? delimiter : (csv ? ',' : '\t');
        String n = nullString != null ? nullString : (csv ? "" : "\\N");
        return Optional.of(new CopyCommand(query, csv, header, d, n, quote));
    }

    private static boolean isLegacyValued(String name) {
        return name.equals("delimiter") || name.equals("null") || name.equals("quote");
    }

    private static boolean isTrue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            default -> false;
        };
    }

    private static char singleChar(Token value, String what) {
        if (value == null || value.text().length() != 1) {
            throw PgException.syntaxError("COPY " + what + " must be a single one-byte character", value == null ? 0 : value.start() + 1);
        }
        return value.text().charAt(0);
    }

    /** One line of output for a header of column names. */
    byte[] headerLine(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            appendField(sb, names.get(i));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line of output; {@code values} are the text forms, {@code null} for NULL. */
    byte[] line(String[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            if (values[i] == null) {
                sb.append(nullString);
            } else {
                appendField(sb, values[i]);
            }
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendField(StringBuilder sb, String value) {
        if (csv) {
            boolean needsQuote = value.equals(nullString) || value.indexOf(delimiter) >= 0 || value.indexOf(quote) >= 0
                    || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.equals("\\.");
            if (!needsQuote) {
                sb.append(value);
                return;
            }
            sb.append(quote);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == quote) {
                    sb.append(quote);
                }
                sb.append(c);
            }
            sb.append(quote);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (c == delimiter) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
    }
}
