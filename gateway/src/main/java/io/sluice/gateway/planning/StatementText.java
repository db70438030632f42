package io.sluice.gateway.planning;

import java.util.List;
import java.util.Locale;

/**
 * Recognises the PostgreSQL form {@code EXPLAIN [ANALYZE] [(options)] statement}, plus Sluice's
 * {@code EXPLAIN (POLICY) statement} (the decision and rewrite, without running anything), which
 * Calcite's parser does not accept (it wants {@code EXPLAIN PLAN FOR}). Only the leading
 * keywords are looked at; the statement itself goes to the parser untouched, and the offset
 * lets errors point at the right character of what the user typed.
 */
public record StatementText(String sql, boolean explain, boolean analyze, boolean policy, int offset) {

    public static StatementText of(String text) {
        int i = skipSpaceAndComments(text, 0);
        int afterExplain = keyword(text, i, "explain");
        if (afterExplain < 0) {
            return new StatementText(text, false, false, false, 0);
        }
        i = skipSpaceAndComments(text, afterExplain);
        boolean analyze = false;
        boolean policy = false;
        if (i < text.length() && text.charAt(i) == '(') {
            int close = text.indexOf(')', i);
            if (close > 0) {
                List<String> options = List.of(text.substring(i + 1, close).toLowerCase(Locale.ROOT).split("[\\s,]+"));
                analyze = options.contains("analyze") || options.contains("analyse");
                policy = options.contains("policy");
                i = skipSpaceAndComments(text, close + 1);
            }
        }
        for (String word : new String[] {"analyze", "analyse", "verbose"}) {
            int after = keyword(text, i, word);
            if (after >= 0) {
                analyze |= word.startsWith("analy");
                i = skipSpaceAndComments(text, after);
            }
        }
        return new StatementText(text.substring(i), true, analyze, policy, i);
    }

    private static int keyword(String text, int at, String word) {
        int end = at + word.length();
        if (end > text.length() || !text.regionMatches(true, at, word, 0, word.length())) {
            return -1;
        }
        if (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            return -1;
        }
        return end;
    }

    private static int skipSpaceAndComments(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline + 1;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? text.length() : close + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
