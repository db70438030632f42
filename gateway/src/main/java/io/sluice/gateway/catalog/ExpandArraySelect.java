package io.sluice.gateway.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * pgjdbc's {@code getPrimaryKeys} and {@code getIndexInfo} call PostgreSQL's set-returning
 * {@code information_schema._pg_expandarray(a)} in a select list (one row per element, a record of
 * {@code x} the element and {@code n} its 1-based position) and read the record's fields:
 *
 * <pre>
 *  SELECT ..., (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ,
 *         information_schema._pg_expandarray(i.indkey) AS KEYS, ...
 *  FROM pg_class ct JOIN ... WHERE ...                        -- inside  (...) result
 *  ... WHERE result.A_ATTNUM = (result.KEYS).x
 * </pre>
 *
 * Calcite has no record-returning functions in a select list, so the select gets a lateral
 * {@code UNNEST} join instead, and the fields become its columns:
 *
 * <pre>
 *  SELECT ..., sluice_expand.n AS KEY_SEQ, sluice_expand.x AS KEYS, ...
 *  FROM pg_class ct JOIN ... CROSS JOIN UNNEST(i.indkey) WITH ORDINALITY AS sluice_expand(x, n) WHERE ...
 *  ... WHERE result.A_ATTNUM = result.KEYS
 * </pre>
 *
 * Both return one row per array element. A record kept whole under an alias ({@code AS KEYS}) becomes
 * its {@code x} field, so the statement is rewritten only when every other use of that alias is
 * {@code (q.KEYS).x}; every call in the statement must expand the same array, in the same select.
 * Anything else is left alone and the parser reports what it cannot take.
 */
final class ExpandArraySelect {
    private static final String ALIAS = "sluice_expand";
    private static final String FUNCTION = "_pg_expandarray";
    private static final Set<String> FIELDS = Set.of("x", "n");
    private static final Set<String> FROM_ENDS = Set.of("where", "group", "having", "window", "order", "limit",
            "offset", "fetch", "union", "intersect", "except", ";");

    private ExpandArraySelect() {}

    /** The rewritten tokens, or empty when the statement has no select-list {@code _pg_expandarray}. */
    static Optional<List<String>> rewrite(List<String> tokens) {
        int[] depth = depths(tokens);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equalsIgnoreCase(FUNCTION)) {
                Optional<Call> call = call(tokens, i);
                if (call.isEmpty()) {
                    return Optional.empty();
                }
                calls.add(call.get());
            }
        }
        if (calls.isEmpty() || calls.stream().map(Call::array).distinct().count() != 1) {
            return Optional.empty();
        }
        int select = enclosingSelect(tokens, depth, calls.getFirst().start());
        int from = select < 0 ? -1 : fromOf(tokens, depth, select);
        if (from < 0 || calls.getLast().end() > from
                || calls.stream().anyMatch(c -> enclosingSelect(tokens, depth, c.start()) != select)) {
            return Optional.empty();
        }
        int fromEnd = clauseEnd(tokens, depth, from);
        String join = " CROSS JOIN UNNEST(" + calls.getFirst().array() + ") WITH ORDINALITY AS " + ALIAS + "(x, n) ";
        Set<String> recordAliases = new HashSet<>();
        Set<Integer> aliasDefinitions = new HashSet<>();
        for (Call call : calls) {
            if (call.aliasAt() >= 0) {
                recordAliases.add(tokens.get(call.aliasAt()).toLowerCase(Locale.ROOT));
                aliasDefinitions.add(call.aliasAt());
            }
        }

        List<String> out = new ArrayList<>();
        int callIndex = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (callIndex < calls.size() && i == calls.get(callIndex).start()) {
                Call call = calls.get(callIndex++);
                out.add(ALIAS + "." + call.field());
                i = call.end();
                continue;
            }
            if (i == fromEnd) {
                out.add(join);
            }
            if (tokens.get(i).equals("(") && !recordAliases.isEmpty()) {
                int field = recordField(tokens, i, recordAliases);
                if (field > 0) {
                    // (q.KEYS).x → q.KEYS: the alias now holds the x field itself.
                    out.addAll(tokens.subList(PgCatalogSql.next(tokens, i), field - 2));
                    i = field;
                    continue;
                }
            }
            if (PgCatalogSql.isWord(tokens.get(i)) && recordAliases.contains(tokens.get(i).toLowerCase(Locale.ROOT))
                    && !aliasDefinitions.contains(i)) {
                // The alias used other than as (q.alias).x: it would need the whole record.
                return Optional.empty();
            }
            out.add(tokens.get(i));
        }
        if (fromEnd == tokens.size()) {
            out.add(join);
        }
        return Optional.of(out);
    }

    /**
     * One call: {@code [information_schema .] _pg_expandarray ( array )} followed by {@code [AS] alias}
     * (the whole record, {@code field} x), or wrapped as {@code ( call ) . field}. {@code start} and
     * {@code end} span the tokens replaced (the alias stays).
     */
    private record Call(int start, int end, String array, String field, int aliasAt) {}

    private static Optional<Call> call(List<String> tokens, int name) {
        int start = name;
        int dot = PgCatalogSql.previous(tokens, name);
        if (TokenLists.is(tokens, dot, ".") && TokenLists.is(tokens, PgCatalogSql.previous(tokens, dot), "information_schema")) {
            start = PgCatalogSql.previous(tokens, dot);
        }
        int open = PgCatalogSql.next(tokens, name);
        if (!TokenLists.is(tokens, open, "(")) {
            return Optional.empty();
        }
        int close = TokenLists.matching(tokens, open);
        if (close < 0) {
            return Optional.empty();
        }
        String array = String.join("", tokens.subList(open + 1, close)).strip();
        int before = PgCatalogSql.previous(tokens, start);
        int after = PgCatalogSql.next(tokens, close);
        if (TokenLists.is(tokens, before, "(") && TokenLists.is(tokens, after, ")")) {
            int fieldDot = PgCatalogSql.next(tokens, after);
            int field = PgCatalogSql.next(tokens, fieldDot);
            if (TokenLists.is(tokens, fieldDot, ".") && field > 0 && FIELDS.contains(tokens.get(field).toLowerCase(Locale.ROOT))) {
                return Optional.of(new Call(before, field, array, tokens.get(field).toLowerCase(Locale.ROOT), -1));
            }
            return Optional.empty();
        }
        int alias = TokenLists.is(tokens, after, "as") ? PgCatalogSql.next(tokens, after) : after;
        if (alias < 0 || !PgCatalogSql.isWord(tokens.get(alias)) || TokenLists.is(tokens, alias, "from")) {
            return Optional.empty();
        }
        return Optional.of(new Call(start, close, array, "x", alias));
    }

    /** For {@code ( [q .] alias ) . x} starting at {@code open}: the index of {@code x}; otherwise -1. */
    private static int recordField(List<String> tokens, int open, Set<String> aliases) {
        int first = PgCatalogSql.next(tokens, open);
        int name = first;
        if (first > 0 && first + 2 < tokens.size() && tokens.get(first + 1).equals(".")
                && PgCatalogSql.isWord(tokens.get(first))) {
            name = first + 2;
        }
        if (name < 0 || !aliases.contains(tokens.get(name).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int close = PgCatalogSql.next(tokens, name);
        int dot = PgCatalogSql.next(tokens, close);
        int field = PgCatalogSql.next(tokens, dot);
        boolean adjacent = close == name + 1 && dot == close + 1 && field == dot + 1;
        return adjacent && TokenLists.is(tokens, close, ")") && TokenLists.is(tokens, dot, ".") && TokenLists.is(tokens, field, "x") ? field : -1;
    }

    /** Parenthesis depth of each token; a closing parenthesis has the depth of its opening one. */
    private static int[] depths(List<String> tokens) {
        int[] depth = new int[tokens.size()];
        int current = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals(")")) {
                current--;
            }
            depth[i] = current;
            if (tokens.get(i).equals("(")) {
                current++;
            }
        }
        return depth;
    }

    /** The SELECT whose select list holds the token at {@code at}; -1 if none. */
    private static int enclosingSelect(List<String> tokens, int[] depth, int at) {
        int lowest = depth[at];
        for (int i = at - 1; i >= 0; i--) {
            lowest = Math.min(lowest, depth[i]);
            if (tokens.get(i).equalsIgnoreCase("select") && depth[i] == lowest) {
                return i;
            }
        }
        return -1;
    }

    /** The FROM of the select at {@code select}; -1 when it has none. */
    private static int fromOf(List<String> tokens, int[] depth, int select) {
        for (int i = select + 1; i < tokens.size() && depth[i] >= depth[select]; i++) {
            if (depth[i] == depth[select] && tokens.get(i).equalsIgnoreCase("from")) {
                return i;
            }
        }
        return -1;
    }

    /** Where the FROM clause at {@code from} ends: its select's next clause, closing parenthesis or the end. */
    private static int clauseEnd(List<String> tokens, int[] depth, int from) {
        for (int i = from + 1; i < tokens.size(); i++) {
            if (depth[i] < depth[from]
                    || depth[i] == depth[from] && FROM_ENDS.contains(tokens.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return tokens.size();
    }
}
