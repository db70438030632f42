package io.sluice.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites the PostgreSQL-only spellings that client catalog queries use into SQL Calcite's
 * parser and validator accept, leaving everything else (spacing included) as it was:
 *
 * <ul>
 *   <li>{@code a OPERATOR(pg_catalog.~) b} → {@code a ~ b} (psql's {@code \d name});
 *   <li>{@code COLLATE pg_catalog.default} → removed (Sluice compares strings one way);
 *   <li>{@code 'pg_class'::regclass} → the relation's OID, for the system catalogs;
 *   <li>{@code 'pg_catalog.array_in'::regproc} → {@code 'array_in'} (regproc compares by name here);
 *   <li>{@code ::pg_catalog.text} → {@code ::text} (the type names are registered by {@link SystemSchemas});
 *   <li>{@code x::int2[]} → {@code x} (Calcite cannot parse array casts; the catalogs' arrays are typed);
 *   <li>{@code current_schema()} and {@code current_catalog} → calls of the {@code pg_catalog} functions
 *       (Calcite parses both as keywords it cannot evaluate);
 *   <li>{@code SELECT unnest(a) x, generate_subscripts(a, 1) o FROM t} → a lateral {@code UNNEST} join
 *       ({@link SetReturningSelect});
 *   <li>{@code (information_schema._pg_expandarray(a)).n} and the record's fields (pgjdbc's
 *       {@code getPrimaryKeys}, {@code getIndexInfo}) → a lateral {@code UNNEST ... WITH ORDINALITY} join
 *       ({@link ExpandArraySelect});
 *   <li>{@code AS DEFAULT} (a column alias PostgreSQL accepts, SQLAlchemy's reflection uses it) →
 *       {@code AS "default"}, the lower-case name PostgreSQL gives the unquoted alias.
 * </ul>
 *
 * Call it on every statement before parsing; a statement with none of these comes back unchanged
 * (the same String instance).
 */
public final class PgCatalogSql {
    /** OIDs of the system relations a client may name as {@code 'name'::regclass}. */
    private static final Map<String, Integer> RELATION_OIDS = Map.ofEntries(
            Map.entry("pg_class", 1259), Map.entry("pg_namespace", 2615), Map.entry("pg_attribute", 1249),
            Map.entry("pg_type", 1247), Map.entry("pg_database", 1262), Map.entry("pg_description", 2609),
            Map.entry("pg_proc", 1255), Map.entry("pg_constraint", 2606), Map.entry("pg_index", 2610),
            Map.entry("pg_am", 2601), Map.entry("pg_attrdef", 2604), Map.entry("pg_trigger", 2620),
            Map.entry("pg_rewrite", 2618), Map.entry("pg_inherits", 2611), Map.entry("pg_collation", 3456),
            Map.entry("pg_tablespace", 1213));

    /** Types a literal may be cast to with {@code ::} that Calcite's own CAST knows. */
    private static final java.util.Set<String> LITERAL_CAST_TYPES = java.util.Set.of("date", "time", "timestamp",
            "interval", "int", "int2", "int4", "int8", "integer", "bigint", "smallint", "numeric", "decimal", "real",
            "float4", "float8", "boolean", "bool", "varchar");

    /**
     * Words PostgreSQL takes as a column alias after AS but Calcite reserves. Only words that can never
     * be the type of a {@code CAST(x AS type)} are listed, so a cast is never touched.
     */
    private static final java.util.Set<String> KEYWORD_ALIASES = java.util.Set.of("default", "user", "value");

    /** Words that can stand before a parenthesis without being a function call. */
    private static final java.util.Set<String> NOT_FUNCTIONS = java.util.Set.of("in", "exists", "any", "all", "some",
            "values", "as", "on", "using", "and", "or", "not", "select", "from", "where", "lateral");

    private PgCatalogSql() {}

    public static String normalise(String sql) {
        if (sql == null || !mayNeedRewrite(sql)) {
            return sql;
        }
        List<String> tokens = tokenize(sql);
        boolean changed = false;
        java.util.Optional<List<String>> unnested = SetReturningSelect.rewrite(tokens);
        if (unnested.isPresent()) {
            tokens = tokenize(String.join("", unnested.get()));
            changed = true;
        }
        java.util.Optional<List<String>> expanded = ExpandArraySelect.rewrite(tokens);
        if (expanded.isPresent()) {
            tokens = tokenize(String.join("", expanded.get()));
            changed = true;
        }
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            // current_schema[()] and current_catalog: Calcite parses them as keywords it cannot run.
            if ((token.equalsIgnoreCase("current_schema") || token.equalsIgnoreCase("current_catalog"))
                    && !qualifiedOrCast(out)) {
                boolean schema = token.equalsIgnoreCase("current_schema");
                int open = next(tokens, i);
                int close = open > 0 && tokens.get(open).equals("(") ? next(tokens, open) : -1;
                if (close > 0 && tokens.get(close).equals(")")) {
                    i = close;
                }
                out.add(schema ? "pg_catalog.\"current_schema\"()" : "pg_catalog.current_database()");
                changed = true;
                continue;
            }
            if (KEYWORD_ALIASES.contains(token.toLowerCase(Locale.ROOT)) && previousIs(out, "as")) {
                out.add("\"" + token.toLowerCase(Locale.ROOT) + "\"");
                changed = true;
                continue;
            }
            // OPERATOR ( schema . op )
            if (token.equalsIgnoreCase("operator")) {
                int open = next(tokens, i);
                if (open > 0 && tokens.get(open).equals("(")) {
                    int close = open;
                    StringBuilder operator = new StringBuilder();
                    boolean ok = true;
                    for (close = next(tokens, open); close > 0 && !tokens.get(close).equals(")");
                         close = next(tokens, close)) {
                        String t = tokens.get(close);
                        if (isWord(t) || t.equals(".")) {
                            operator.setLength(0);
                            continue;
                        }
                        if (t.startsWith("'") || t.startsWith("\"")) {
                            ok = false;
                            break;
                        }
                        operator.append(t);
                    }
                    if (ok && close > 0 && operator.length() > 0) {
                        out.add(operator.toString());
                        i = close;
                        changed = true;
                        continue;
                    }
                }
            }
            // COLLATE [pg_catalog .] default
            if (token.equalsIgnoreCase("collate")) {
                int name = next(tokens, i);
                if (name > 0 && tokens.get(name).equalsIgnoreCase("pg_catalog")) {
                    int dot = next(tokens, name);
                    name = dot > 0 && tokens.get(dot).equals(".") ? next(tokens, dot) : -1;
                }
                if (name > 0 && (tokens.get(name).equalsIgnoreCase("default")
                        || tokens.get(name).equals("\"default\"") || tokens.get(name).equals("\"C\""))) {
                    i = name;
                    changed = true;
                    continue;
                }
            }
            // :: pg_catalog . type  →  :: type ;  'literal' :: regclass / regproc
            if (token.equals("::")) {
                int type = next(tokens, i);
                if (type > 0 && tokens.get(type).equalsIgnoreCase("pg_catalog")) {
                    int dot = next(tokens, type);
                    if (dot > 0 && tokens.get(dot).equals(".") && next(tokens, dot) > 0) {
                        type = next(tokens, dot);
                    }
                }
                if (type > 0) {
                    String typeName = tokens.get(type).toLowerCase(Locale.ROOT);
                    int literal = previous(out, out.size());
                    String operand = literal >= 0 ? out.get(literal) : "";
                    if (operand.startsWith("'") && (typeName.equals("regclass") || typeName.equals("regproc"))) {
                        String value = operand.substring(1, operand.length() - 1).replace("''", "'");
                        String unqualified = value.startsWith("pg_catalog.") ? value.substring(11) : value;
                        if (typeName.equals("regproc")) {
                            out.set(literal, "'" + unqualified.replace("'", "''") + "'");
                            trim(out, literal);
                            i = type;
                            changed = true;
                            continue;
                        }
                        Integer oid = RELATION_OIDS.get(unqualified.toLowerCase(Locale.ROOT));
                        if (oid != null) {
                            out.set(literal, oid.toString());
                            trim(out, literal);
                            i = type;
                            changed = true;
                            continue;
                        }
                    }
                    int open = next(tokens, type);
                    int close = open > 0 && tokens.get(open).equals("[") ? next(tokens, open) : -1;
                    if (close > 0 && tokens.get(close).equals("]")) {
                        // An array cast (x::int2[]): the arrays here already have their element type.
                        i = close;
                        changed = true;
                        continue;
                    }
                    int end = typeEnd(tokens, type);
                    int start = operandStart(out);
                    int call = start >= 0 ? -1 : callStart(out);
                    if (end > 0 && (start >= 0 && LITERAL_CAST_TYPES.contains(typeName) || call >= 0)) {
                        // Calcite's parser binds :: looser than < or +, so x < '1993-01-01'::date would
                        // cast the comparison; a CAST around the simple operand or function call keeps
                        // PostgreSQL's meaning (x = f(y)::regclass::oid, SQLAlchemy's reflection).
                        start = start >= 0 ? start : call;
                        List<String> castOperand = new ArrayList<>(out.subList(start, out.size()));
                        trim(out, start - 1);
                        out.add("CAST(");
                        out.addAll(castOperand);
                        out.add(" AS ");
                        for (int k = type; k <= end; k++) {
                            out.add(tokens.get(k));
                        }
                        out.add(")");
                        i = end;
                        changed = true;
                        continue;
                    }
                    out.add("::");
                    out.add(tokens.get(type));
                    changed |= type != next(tokens, i);
                    i = type;
                    continue;
                }
            }
            out.add(token);
        }
        return changed ? String.join("", out) : sql;
    }

    /**
     * Where the operand of a {@code ::} starts in {@code out}: a string literal or a number
     * directly before it; -1 for anything else (names and parenthesised expressions keep {@code ::}).
     */
    private static int operandStart(List<String> out) {
        int last = out.size() - 1;
        if (last < 0) {
            return -1;
        }
        String token = out.get(last);
        return token.startsWith("'") || token.matches("\\d+(\\.\\d+)?") ? last : -1;
    }

    /**
     * Where a function call that ends {@code out} starts ({@code f(...)}, {@code pg_catalog.f(...)}, or a
     * {@code CAST(...)} this rewrite wrote); -1 for anything else.
     */
    private static int callStart(List<String> out) {
        int last = out.size() - 1;
        if (last < 0 || !out.get(last).equals(")")) {
            return -1;
        }
        int depth = 0;
        for (int i = last; i >= 0; i--) {
            String t = out.get(i);
            if (t.equals(")")) {
                depth++;
            } else if (t.endsWith("(") && --depth == 0) {
                if (t.length() > 1) {
                    return i; // CAST(
                }
                int name = previous(out, i);
                if (name < 0 || !isWord(out.get(name)) || i - name != 1 || NOT_FUNCTIONS.contains(out.get(name).toLowerCase(Locale.ROOT))) {
                    return -1;
                }
                int dot = previous(out, name);
                if (dot >= 0 && out.get(dot).equals(".") && dot == name - 1 && previous(out, dot) == dot - 1
                        && isWord(out.get(dot - 1))) {
                    return dot - 1;
                }
                return name;
            }
        }
        return -1;
    }

    /**
     * The last token of a simple type name at {@code type}, with its modifier if any
     * ({@code varchar(10)}, {@code numeric(10, 2)}); -1 for multi-word types such as
     * {@code double precision} or {@code timestamp with time zone}, which stay as they are.
     */
    private static int typeEnd(List<String> tokens, int type) {
        if (!isWord(tokens.get(type))) {
            return -1;
        }
        int after = next(tokens, type);
        if (after < 0) {
            return type;
        }
        String following = tokens.get(after);
        if (following.equals("(")) {
            int close = after;
            while (close > 0 && !tokens.get(close).equals(")")) {
                close = next(tokens, close);
            }
            return close;
        }
        return isWord(following) && List.of("precision", "with", "without", "varying")
                .contains(following.toLowerCase(Locale.ROOT)) ? -1 : type;
    }

    private static boolean mayNeedRewrite(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return lower.contains("operator") || lower.contains("collate") || lower.contains("::")
                || lower.contains("current_schema") || lower.contains("current_catalog")
                || KEYWORD_ALIASES.stream().anyMatch(lower::contains) || lower.contains("unnest")
                || lower.contains("_pg_expandarray");
    }

    /** Whether the last token written makes the next word a qualified name's part or a type. */
    private static boolean qualifiedOrCast(List<String> out) {
        int last = previous(out, out.size());
        return last >= 0 && (out.get(last).equals(".") || out.get(last).equals("::"));
    }

    private static boolean previousIs(List<String> out, String word) {
        int last = previous(out, out.size());
        return last >= 0 && out.get(last).equalsIgnoreCase(word);
    }

    /** Drops what {@code out} holds after index {@code keep}. */
    private static void trim(List<String> out, int keep) {
        while (out.size() > keep + 1) {
            out.removeLast();
        }
    }

    static boolean isWord(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_';
    }

    static boolean isSpace(String token) {
        char c = token.charAt(0);
        return Character.isWhitespace(c) || token.startsWith("--") || token.startsWith("/*");
    }

    /** The index of the next token that is not space or a comment, or -1. */
    static int next(List<String> tokens, int from) {
        for (int i = from + 1; i < tokens.size(); i++) {
            if (!isSpace(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static int previous(List<String> tokens, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (!isSpace(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Splits into words, numbers, quoted strings and names, space and comments, and operator runs. */
    static List<String> tokenize(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                i = endOfQuoted(sql, i, c);
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = endOfEscaped(sql, i + 1);
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
            } else if (sql.startsWith("::", i)) {
                i += 2;
            } else {
                i++;
            }
            tokens.add(sql.substring(start, i));
        }
        return tokens;
    }

    private static int endOfQuoted(String sql, int at, char quote) {
        int i = at + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int endOfEscaped(String sql, int at) {
        int i = at + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
