package io.sluice.policies.decision;

import static java.util.Objects.requireNonNull;

/**
 * How a column is shown to a user who may not see its raw value. The named masks follow Apache
 * Ranger, Starburst and Immuta; {@link Expression} is any SQL expression over the table's columns.
 * Which SQL each becomes, and for which column types it is defined, is the gateway's business.
 */
public sealed interface Mask {
    /** The name a policy uses, e.g. {@code show_last_4}; {@code expression} for {@link Expression}. */
    String name();

    /** Letters become {@code x}, digits {@code n}; everything else stays. */
    record Redact() implements Mask {
        public String name() {
            return "redact";
        }
    }

    record ShowLast4() implements Mask {
        public String name() {
            return "show_last_4";
        }
    }

    record ShowFirst4() implements Mask {
        public String name() {
            return "show_first_4";
        }
    }

    /** SHA-256 of the value's text, as 64 lower-case hex digits. */
    record Hash() implements Mask {
        public String name() {
            return "hash";
        }
    }

    record Null() implements Mask {
        public String name() {
            return "null";
        }
    }

    /** The raw value: an explicit "no mask", so a policy can say a rule looked and chose to show it. */
    record None() implements Mask {
        public String name() {
            return "none";
        }
    }

    /** A date or timestamp truncated to the first day of its year. */
    record DateYear() implements Mask {
        public String name() {
            return "date_year";
        }
    }

    /** {@code someone@example.com} becomes {@code *****@example.com}. */
    record EmailDomain() implements Mask {
        public String name() {
            return "email_domain";
        }
    }

    record Constant(String value) implements Mask {
        public Constant {
            requireNonNull(value, "value is null");
        }

        public String name() {
            return "constant";
        }
    }

    /** A number rounded to {@code digits} decimal places (negative: to tens, hundreds, ...). */
    record Round(int digits) implements Mask {
        public String name() {
            return "round";
        }
    }

    /** Java regular expression syntax, evaluated by Sluice so every source gives the same answer. */
    record RegexReplace(String pattern, String replacement) implements Mask {
        public RegexReplace {
            requireNonNull(pattern, "pattern is null");
            requireNonNull(replacement, "replacement is null");
        }

        public String name() {
            return "regex_replace";
        }
    }

    record Expression(String sql) implements Mask {
        public Expression {
            requireNonNull(sql, "sql is null");
        }

        public String name() {
            return "expression";
        }
    }
}
