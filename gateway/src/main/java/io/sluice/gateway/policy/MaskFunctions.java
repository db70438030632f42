package io.sluice.gateway.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * The named masks that no source can be trusted to evaluate identically, as SQL functions that
 * run inside Sluice: {@code sluice_mask_redact}, {@code sluice_mask_show_last_4},
 * {@code sluice_mask_show_first_4}, {@code sluice_mask_hash}, {@code sluice_mask_regex_replace},
 * {@code sluice_mask_year_of_date}, {@code sluice_mask_year_of_timestamp}.
 * User-defined functions never leave Sluice (see PushdownCapabilities), so masked values are
 * computed here, the same way whichever source the column lives in. Null in, null out.
 */
public final class MaskFunctions {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private MaskFunctions() {}

    /** Makes the functions callable by name in every statement. */
    public static void register(SchemaPlus root) {
        root.add("sluice_mask_redact", ScalarFunctionImpl.create(MaskFunctions.class, "redact"));
        root.add("sluice_mask_show_last_4", ScalarFunctionImpl.create(MaskFunctions.class, "showLast4"));
        root.add("sluice_mask_show_first_4", ScalarFunctionImpl.create(MaskFunctions.class, "showFirst4"));
        root.add("sluice_mask_hash", ScalarFunctionImpl.create(MaskFunctions.class, "hash"));
        root.add("sluice_mask_regex_replace", ScalarFunctionImpl.create(MaskFunctions.class, "regexReplace"));
        root.add("sluice_mask_year_of_date", ScalarFunctionImpl.create(MaskFunctions.class, "yearOfDate"));
        root.add("sluice_mask_year_of_timestamp", ScalarFunctionImpl.create(MaskFunctions.class, "yearOfTimestamp"));
    }

    /** Letters become {@code x}, digits {@code n}; punctuation and spaces keep the value's shape. */
    public static String redact(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isLetter(c)) {
                out.append('x');
            } else if (Character.isDigit(c)) {
                out.append('n');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** All but the last four characters become {@code x}. */
    public static String showLast4(String value) {
        if (value == null) {
            return null;
        }
        int keepFrom = Math.max(0, value.length() - 4);
        return "x".repeat(keepFrom) + value.substring(keepFrom);
    }

    /** All but the first four characters become {@code x}. */
    public static String showFirst4(String value) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(4, value.length());
        return value.substring(0, keep) + "x".repeat(value.length() - keep);
    }

    /** SHA-256 of the UTF-8 text, 64 lower-case hex digits. */
    public static String hash(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * January 1st of the date's year. Computed here rather than as the source's date truncation:
     * PostgreSQL's {@code date_trunc} turns a date into a timestamp, and the mask must keep the type.
     */
    public static java.sql.Date yearOfDate(java.sql.Date value) {
        return value == null ? null : java.sql.Date.valueOf(value.toLocalDate().withDayOfYear(1));
    }

    /** Midnight of January 1st of the timestamp's year. */
    public static java.sql.Timestamp yearOfTimestamp(java.sql.Timestamp value) {
        return value == null ? null
                : java.sql.Timestamp.valueOf(value.toLocalDateTime().toLocalDate().withDayOfYear(1).atStartOfDay());
    }

    /** Every match of {@code pattern} (Java syntax) replaced; {@code $1} refers to groups. */
    public static String regexReplace(String value, String pattern, String replacement) {
        if (value == null) {
            return null;
        }
        return PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(value).replaceAll(replacement);
    }
}
