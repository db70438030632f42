package io.sluice.gateway.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Compares a query's answer with a reference answer the way the TPC-H checks need: numbers within a tolerance
 * (averages and ratios are computed with different precision by different engines), CHAR padding ignored,
 * rows in order when the query orders them and as multisets otherwise.
 */
public final class AnswerComparison {

    private static final BigDecimal ABSOLUTE = new BigDecimal("0.0001");
    private static final BigDecimal RELATIVE = new BigDecimal("0.000001");

    private AnswerComparison() {
    }

    /** Numbers as BigDecimal, dates as LocalDate, strings without CHAR padding, anything else as text. */
    public static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Number n -> new BigDecimal(n.toString());
            case java.sql.Date d -> d.toLocalDate();
            case LocalDate d -> d;
            case String s -> s.stripTrailing();
            default -> value.toString();
        };
    }

    /** Empty when the answers match; otherwise what differs first. An empty reference never matches. */
    public static Optional<String> compare(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        if (expected.size() != actual.size()) {
            return Optional.of("expected " + expected.size() + " rows, got " + actual.size());
        }
        if (expected.isEmpty()) {
            return Optional.of("the reference returned no rows, so the comparison proves nothing");
        }
        List<List<Object>> e = ordered ? expected : sorted(expected);
        List<List<Object>> a = ordered ? actual : sorted(actual);
        for (int i = 0; i < e.size(); i++) {
            if (!rowsMatch(e.get(i), a.get(i))) {
                return Optional.of("row " + (i + 1) + ": expected " + e.get(i) + ", got " + a.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean rowsMatch(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            Object x = expected.get(i);
            Object y = actual.get(i);
            if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
                BigDecimal diff = bx.subtract(by).abs();
                if (diff.compareTo(ABSOLUTE) > 0 && diff.compareTo(bx.abs().multiply(RELATIVE)) > 0) {
                    return false;
                }
            } else if (x == null ? y != null : !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
