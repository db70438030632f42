package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code statement_timeout} setting: PostgreSQL's spelling (milliseconds, or a number with one of
 * the units ms, s, min, h, d; 0 for none) to milliseconds.
 */
final class StatementTimeout {
    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h|d)?\\s*");

    private StatementTimeout() {}

    /** Milliseconds, empty for no limit; 22023 for a value PostgreSQL would refuse. */
    static OptionalLong millis(String value) {
        Matcher m = VALUE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"statement_timeout\": \"" + value + "\"", 0, null,
                    "Valid units for this parameter are \"ms\", \"s\", \"min\", \"h\", and \"d\".", null);
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000L;
            case "min" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 1L;
        };
        long millis = Math.round(amount * unit);
        if (millis > Integer.MAX_VALUE) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    value + " is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
        }
        return millis == 0 ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    static PgException exceeded() {
        return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
    }
}
