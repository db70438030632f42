package io.sluice.gateway.audit;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of the log. A client may type one into a statement the gateway then
 * refuses ({@code ALTER USER ana PASSWORD 'x'}, a connection string in a function call), and an
 * error message may repeat it; the record keeps the statement but not the secret. Applied to the
 * SQL, error messages and fragment SQL when a record is built, and to the SQL {@code sys.queries}
 * shows.
 */
public final class AuditRedaction {
    static final String MASK = "***";
    private static final String KEYWORDS = "password|passwd|pwd|secret|token|api_key|apikey|access_key|secret_key";
    /** {@code PASSWORD 'x'}, {@code password = 'x'}, {@code "token": "x"}: the quoted value goes. */
    private static final Pattern QUOTED = Pattern.compile(
            "(?i)(\\b(?:" + KEYWORDS + ")\\b\"?\\s*(?:=|:|\\s)\\s*)('(?:[^']|'')*'|\"(?:[^\"\\\\]|\\\\.)*\")");
    /** {@code password=x} in connection strings and URLs. */
    private static final Pattern BARE = Pattern.compile("(?i)(\\b(?:" + KEYWORDS + ")=)([^\\s;&'\"]+)");
    /** {@code scheme://user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private AuditRedaction() {}

    public static String redact(String text) {
        if (!mayHoldSecret(text)) {
            return text;
        }
        String out = QUOTED.matcher(text).replaceAll(m -> {
            String value = m.group(2);
            char quote = value.charAt(0);
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + quote + MASK + quote);
        });
        out = BARE.matcher(out).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(MASK));
        return USER_INFO.matcher(out).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(MASK) + "$3");
    }

    /**
     * False when none of the patterns can match: no keyword (each contains one of these
     * fragments) and no URL. Most statements hold neither, and the gateway redacts every
     * statement several times, so this skips three regular-expression scans per call. Not a bare
     * "key": join columns are named that way (o_orderkey), and each key keyword is listed whole.
     */
    static boolean mayHoldSecret(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("pass") || lower.contains("pwd") || lower.contains("secret") || lower.contains("token")
                || lower.contains("api_key") || lower.contains("apikey") || lower.contains("access_key")
                || text.contains("://");
    }
}
