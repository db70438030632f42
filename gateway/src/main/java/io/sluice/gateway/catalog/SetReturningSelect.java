package io.sluice.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL lets {@code unnest(array)} (and {@code generate_subscripts(array, 1)} beside it) stand in a
 * select list; Calcite only has {@code UNNEST} in FROM. The one shape catalog queries use (SQLAlchemy's
 * primary-key reflection) is rewritten to its lateral-join equivalent:
 *
 * <pre>
 *  SELECT unnest(a) x, generate_subscripts(a, 1) o FROM t [alias] [WHERE ...]
 *  SELECT sluice_unnest.x AS x, sluice_unnest.o AS o FROM t [alias]
 *      CROSS JOIN UNNEST(a) WITH ORDINALITY AS sluice_unnest(x, o) [WHERE ...]
 * </pre>
 *
 * which returns the same rows: one per element, none for an empty or null array. Anything else is left
 * alone, and the parser reports what it cannot take.
 */
final class SetReturningSelect {
    private static final String ALIAS = "sluice_unnest";

    private SetReturningSelect() {}

    /** The rewritten tokens, or empty when the statement has no select-list unnest of that shape. */
    static Optional<List<String>> rewrite(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equalsIgnoreCase("unnest") && TokenLists.is(tokens, PgCatalogSql.previous(tokens, i), "select")) {
                Optional<List<String>> rewritten = rewriteAt(tokens, i);
                if (rewritten.isPresent()) {
                    return rewritten;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> rewriteAt(List<String> tokens, int unnest) {
        int open = PgCatalogSql.next(tokens, unnest);
        if (!TokenLists.is(tokens, open, "(")) {
            return Optional.empty();
        }
        int close = TokenLists.matching(tokens, open);
        if (close < 0) {
            return Optional.empty();
        }
        String array = String.join("", tokens.subList(open + 1, close)).strip();
        int at = PgCatalogSql.next(tokens, close);
        at = TokenLists.is(tokens, at, "as") ? PgCatalogSql.next(tokens, at) : at;
        if (at < 0 || !PgCatalogSql.isWord(tokens.get(at))) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of(tokens.get(at)));
        at = PgCatalogSql.next(tokens, at);
        boolean ordinality = false;
        if (TokenLists.is(tokens, at, ",")) {
            int subscripts = PgCatalogSql.next(tokens, at);
            int subscriptsOpen = PgCatalogSql.next(tokens, subscripts);
            if (!TokenLists.is(tokens, subscripts, "generate_subscripts") || !TokenLists.is(tokens, subscriptsOpen, "(")) {
                return Optional.empty();
            }
            int subscriptsClose = TokenLists.matching(tokens, subscriptsOpen);
            if (subscriptsClose < 0) {
                return Optional.empty();
            }
            String arguments = String.join("", tokens.subList(subscriptsOpen + 1, subscriptsClose)).replace(" ", "");
            if (!arguments.equals(array.replace(" ", "") + ",1")) {
                return Optional.empty();
            }
            at = PgCatalogSql.next(tokens, subscriptsClose);
            at = TokenLists.is(tokens, at, "as") ? PgCatalogSql.next(tokens, at) : at;
            if (at < 0 || !PgCatalogSql.isWord(tokens.get(at))) {
                return Optional.empty();
            }
            names.add(tokens.get(at));
            ordinality = true;
            at = PgCatalogSql.next(tokens, at);
        }
        if (!TokenLists.is(tokens, at, "from")) {
            return Optional.empty();
        }
        int fromEnd = fromItemEnd(tokens, at);
        if (fromEnd < 0) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(tokens.subList(0, unnest));
        for (int k = 0; k < names.size(); k++) {
            out.add((k > 0 ? ", " : "") + ALIAS + "." + names.get(k) + " AS " + names.get(k));
        }
        out.add(" ");
        out.addAll(tokens.subList(at, fromEnd));
        out.add(" CROSS JOIN UNNEST(" + array + ")" + (ordinality ? " WITH ORDINALITY" : "") + " AS " + ALIAS + "("
                + String.join(", ", names) + ") ");
        out.addAll(tokens.subList(fromEnd, tokens.size()));
        return Optional.of(out);
    }

    /** Where the single FROM item after {@code from} ends; -1 when FROM lists several or joins. */
    private static int fromItemEnd(List<String> tokens, int from) {
        int depth = 0;
        for (int i = from + 1; i < tokens.size(); i++) {
            String t = tokens.get(i).toLowerCase(Locale.ROOT);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (depth == 0) {
                if (t.equals(",") || t.equals("join")) {
                    return -1;
                }
                if (List.of("where", "group", "order", "limit", "having", "union", ";").contains(t)) {
                    return i;
                }
            }
        }
        return tokens.size();
    }
}
