package io.sluice.gateway.demo;

import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Fake but realistic people with PII-like columns, for row-filter and masking demos: the {@code people} and
 * {@code support_tickets} tables of the {@code sales} database. Fully deterministic: a fixed seed and
 * {@link java.util.Random}, whose algorithm the JDK specifies, so every machine generates the same rows.
 * Names and places come from {@link PeopleData}; e-mail domains are reserved example domains (RFC 2606),
 * US phone numbers use the fictional 555-01xx range, national IDs have valid-looking check digits.
 */
final class PeopleGenerator {

    static final int PEOPLE = 2_000;
    static final int TICKETS = 600;
    private static final long SEED = 20_261_122L;
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net", "mail.example",
            "inbox.example"};
    private static final String[] STATUSES = {"open", "pending", "resolved", "resolved", "closed", "closed"};
    private static final String[] PRIORITIES = {"low", "normal", "normal", "normal", "high", "urgent"};

    /** One generated person; kept so tickets can quote their owner's details. */
    record Person(int id, String firstName, String lastName, String email, String phone, String nationalId,
                  LocalDate birthDate, String region, String country, String city, long customerKey,
                  LocalDateTime signupTs) {
    }

    private PeopleGenerator() {
    }

    static TableSpec peopleSpec(long customerCount) {
        return new TableSpec("people", List.of(
                col("id", "INTEGER"), col("first_name", "VARCHAR(40)"), col("last_name", "VARCHAR(40)"),
                col("email", "VARCHAR(120)"), col("phone", "VARCHAR(30)"), col("national_id", "VARCHAR(30)"),
                col("birth_date", "DATE"), col("region", "VARCHAR(4)"), col("country", "VARCHAR(40)"),
                col("city", "VARCHAR(40)"), col("customer_key", "BIGINT"), col("signup_ts", "TIMESTAMP")),
                List.of("id"), List.of(List.of("customer_key"), List.of("region")), PEOPLE,
                (out, part, partCount) -> writePeople(out, people(customerCount)));
    }

    static TableSpec ticketsSpec(long customerCount) {
        return new TableSpec("support_tickets", List.of(
                col("id", "INTEGER"), col("person_id", "INTEGER"), col("opened_at", "TIMESTAMP"),
                col("status", "VARCHAR(10)"), col("priority", "VARCHAR(10)"), col("body", "TEXT")),
                List.of("id"), List.of(List.of("person_id")), TICKETS,
                (out, part, partCount) -> writeTickets(out, people(customerCount)));
    }

    /** All people, in id order; customer keys spread over 1..customerCount. */
    static List<Person> people(long customerCount) {
        if (customerCount < 1) {
            throw new IllegalArgumentException("customerCount must be positive, got " + customerCount);
        }
        Random random = new Random(SEED);
        Set<String> emails = new HashSet<>();
        List<Person> people = new ArrayList<>(PEOPLE);
        for (int id = 1; id <= PEOPLE; id++) {
            PeopleData.Country country = PeopleData.pickCountry(random);
            PeopleData.Names names = country.names();
            String first = pick(random, names.first());
            String last = pick(random, names.last());
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(56 * 365));
            String email = email(random, first, last, emails);
            // Stepping by a prime spreads people over all customers instead of bunching them at low keys.
            long customerKey = 1 + ((id - 1) * 7919L) % customerCount;
            LocalDateTime signup = LocalDateTime.of(2018, 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 8.8 * 365 * 24 * 3600));
            people.add(new Person(id, first, last, email, country.phone(random), country.nationalId(random, birth),
                    birth, country.region(), country.name(), pick(random, country.cities()), customerKey, signup));
        }
        return people;
    }

    private static void writePeople(RowWriter out, List<Person> people) throws IOException {
        for (Person p : people) {
            out.integer(p.id()).text(p.firstName()).text(p.lastName()).text(p.email()).text(p.phone())
                    .text(p.nationalId()).date(p.birthDate()).text(p.region()).text(p.country()).text(p.city())
                    .integer(p.customerKey()).timestamp(p.signupTs());
            out.endRow();
        }
    }

    private static void writeTickets(RowWriter out, List<Person> people) throws IOException {
        Random random = new Random(SEED + 1);
        for (int id = 1; id <= TICKETS; id++) {
            Person p = people.get(random.nextInt(people.size()));
            LocalDateTime opened = p.signupTs().plusMinutes(random.nextInt(60 * 24 * 400));
            out.integer(id).integer(p.id()).timestamp(opened).text(pick(random, STATUSES))
                    .text(pick(random, PRIORITIES)).text(ticketBody(random, p));
            out.endRow();
        }
    }

    /** Free text that sometimes repeats PII, as real tickets do: the case column masks must not miss. */
    private static String ticketBody(Random random, Person p) {
        return switch (random.nextInt(8)) {
            case 0 -> "Hi, this is " + p.firstName() + " " + p.lastName() + ". I cannot log in with " + p.email()
                    + " since this morning.";
            case 1 -> "Please call me back at " + p.phone() + ", I was charged twice for my last order.";
            case 2 -> "My order arrived damaged. The box was open and two items were missing.";
            case 3 -> "I moved to " + p.city() + ", please update my delivery address.";
            case 4 -> "Requesting a copy of all personal data you hold about me (national id " + p.nationalId()
                    + ").";
            case 5 -> "Please delete my account and all my data.";
            case 6 -> "The invoice shows the wrong company name. Could you reissue it?";
            default -> "Delivery was late again.\nSecond time this month; tracking said \"delivered\" yesterday.";
        };
    }

    private static String email(Random random, String first, String last, Set<String> taken) {
        String base = asciiFold(first) + "." + asciiFold(last);
        String domain = EMAIL_DOMAINS[random.nextInt(EMAIL_DOMAINS.length)];
        String candidate = base + "@" + domain;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + n + "@" + domain;
        }
        return candidate;
    }

    /** "Łukasz Wiśniewski" becomes "lukasz.wisniewski"; spaces and apostrophes vanish. */
    static String asciiFold(String name) {
        String folded = Normalizer.normalize(name.replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
                .replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static TableSpec.Column col(String name, String type) {
        return new TableSpec.Column(name, type);
    }
}
