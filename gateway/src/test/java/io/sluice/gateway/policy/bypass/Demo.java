package io.sluice.gateway.policy.bypass;

import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The oracle for the bypass suite: the demo data as admin reads it (raw), and the default
 * bundle's masks and row filter re-implemented here from policies/bundle/README.md, independently
 * of the gateway's own mask code. Every expected answer is derived from these, never hard-coded.
 */
public final class Demo {
    /** The scrub pattern of the bundle's {@code ticket_body_scrub} rule, as the README gives it. */
    private static final Pattern TICKET_SCRUB =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|[+]?[0-9][0-9 ()./-]{5,}[0-9]");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[A-Za-z]");

    /** One row of sales.people, raw. */
    public record Person(int id, String lastName, String email, String phone, String nationalId,
            LocalDate birthDate, String region, long customerKey) {}

    private final Engine engine;
    private final SessionContext admin;
    private final Map<String, String> regions;
    public final List<Person> people;

    public Demo(Engine engine, SessionContext admin, Map<String, String> userRegions) {
        this.engine = engine;
        this.admin = admin;
        this.regions = userRegions;
        this.people = new ArrayList<>();
        for (List<Object> r : raw("select id, last_name, email, phone, national_id, birth_date, region, customer_key"
                + " from sales.people order by id")) {
            people.add(new Person(((Number) r.get(0)).intValue(), (String) r.get(1), (String) r.get(2),
                    (String) r.get(3), (String) r.get(4), LocalDate.parse(r.get(5).toString()), (String) r.get(6),
                    ((Number) r.get(7)).longValue()));
        }
    }

    // ------------------------------------------------------------------ admin's view

    /** Rows of {@code sql} as admin, raw values. */
    public List<List<Object>> raw(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultCursor cursor = engine.execute(sql, admin)) {
            while (cursor.next()) {
                rows.add(java.util.Arrays.asList(cursor.row().clone()));
            }
        }
        return rows;
    }

    /** Rows of {@code sql} as admin, each value as text: the expected answer when the filter is written out by hand. */
    public List<List<String>> admin(String sql) {
        return raw(sql).stream().map(r -> r.stream().map(Demo::text).toList()).toList();
    }

    /** The single value of an admin query, as text. */
    public String adminValue(String sql) {
        return admin(sql).getFirst().getFirst();
    }

    /** The people a user's row filter lets through ({@code region = user_attribute('region')}). */
    public List<Person> visible(String user) {
        String region = regions.get(user);
        return people.stream().filter(p -> p.region().equals(region)).toList();
    }

    public String region(String user) {
        return regions.get(user);
    }

    /** A person of another region than the user's, whose raw values must never be recovered. */
    public Person hidden(String user) {
        return people.stream().filter(p -> !p.region().equals(regions.get(user))).findFirst().orElseThrow();
    }

    /** The first visible person whose birthday is not in the first or last days of the year. */
    public Person midYear(String user) {
        return visible(user).stream().filter(p -> p.birthDate().getDayOfYear() > 10
                && p.birthDate().getDayOfYear() < 350).findFirst().orElseThrow();
    }

    /** Every raw secret of the demo (all regions): emails, phones, national ids, non-January birth dates. */
    public List<String> rawSecrets() {
        List<String> secrets = new ArrayList<>();
        for (Person p : people) {
            secrets.add(p.email());
            secrets.add(p.phone());
            secrets.add(p.nationalId());
            if (p.birthDate().getDayOfYear() > 1) {
                secrets.add(p.birthDate().toString());
            }
        }
        return secrets;
    }

    /** An e-mail address that appears in a support ticket's raw body. */
    public String emailInATicket() {
        for (List<Object> r : raw("select body from sales.support_tickets order by id")) {
            Matcher m = EMAIL.matcher((String) r.getFirst());
            if (m.find()) {
                return m.group();
            }
        }
        throw new IllegalStateException("no ticket mentions an e-mail address");
    }

    // ------------------------------------------------------------------ the bundle's masks, re-implemented

    /** email_domain: five stars and the domain from the @ on, or five stars. */
    public static String email(String v) {
        int at = v.indexOf('@');
        return at >= 0 ? "*****" + v.substring(at) : "*****";
    }

    /** show_last_4: all but the last four characters become x. */
    public static String phone(String v) {
        int keep = Math.max(0, v.length() - 4);
        return "x".repeat(keep) + v.substring(keep);
    }

    /** redact: letters become x, digits n, anything else stays. */
    public static String redact(String v) {
        return v.codePoints().mapToObj(c -> Character.isLetter(c) ? "x" : Character.isDigit(c) ? "n"
                : new String(Character.toChars(c))).collect(Collectors.joining());
    }

    /** date_year: the first of January of the year. */
    public static LocalDate year(LocalDate v) {
        return LocalDate.of(v.getYear(), 1, 1);
    }

    /** last_name_initial: {@code SUBSTRING(last_name FROM 1 FOR 1) || '.'}. */
    public static String initial(String v) {
        return v.substring(0, Math.min(1, v.length())) + ".";
    }

    /** ticket_body_scrub: every e-mail or phone-like number becomes [redacted]. */
    public static String scrub(String v) {
        return TICKET_SCRUB.matcher(v).replaceAll("[redacted]");
    }

    /** SQL LIKE with only % wildcards (the patterns this suite writes), case-sensitive. */
    public static boolean like(String value, String pattern) {
        String regex = java.util.Arrays.stream(pattern.split("%", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return value.matches(regex);
    }

    // ------------------------------------------------------------------ values as text

    public static String text(Object v) {
        return switch (v) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            default -> v.toString();
        };
    }

    public static List<String> row(Object... values) {
        return java.util.Arrays.stream(values).map(Demo::text).toList();
    }
}
