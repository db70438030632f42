package io.sluice.gateway.policy.bypass;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * One try at recovering raw values or hidden rows: who tries, the statement (built from admin's
 * data, e.g. with a raw value to compare against), optional {@code ?} parameters, and what must
 * come back.
 *
 * @param clients whether the attempt is also run through psql and pgjdbc (its answer is text
 *                and integers only, which every client prints alike)
 */
public record Attempt(String name, String user, Function<Demo, String> sql, Function<Demo, List<Object>> parameters,
        Expect expect, boolean clients) {
    public Attempt {
        requireNonNull(name, "name is null");
        requireNonNull(user, "user is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(expect, "expect is null");
    }

    @Override
    public String toString() {
        return name + " [" + user + "]";
    }

    /** What an attempt must get. */
    public sealed interface Expect {
        /** Exactly these rows (text values), in this order or as a multiset. */
        record Rows(Function<Demo, List<List<String>>> rows, boolean ordered) implements Expect {}

        /** A denial: SQLSTATE 42501 and a message containing every fragment. */
        record Denied(List<String> fragments) implements Expect {}

        /** An answer whose text contains every {@code present} string and none of {@code absent}. */
        record Output(Function<Demo, List<String>> present, Function<Demo, List<String>> absent) implements Expect {}

        /** An error (any SQLSTATE) whose message contains none of {@code absent}. */
        record Fails(Function<Demo, List<String>> absent) implements Expect {}
    }

    /** What an attempt got. */
    public sealed interface Outcome {
        record Answer(List<List<String>> rows) implements Outcome {}

        record Error(String sqlState, String message) implements Outcome {}
    }
}
