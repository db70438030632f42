package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The small embedded lists behind {@link PeopleGenerator}: countries with their region, cities, phone format,
 * national-ID format and typical names. Non-ASCII names and cities (Müller, Kraków) and an apostrophe
 * (O'Brien) are there on purpose: they exercise encodings and quoting end to end.
 */
final class PeopleData {

    /** First and last names typical of a country. */
    record Names(List<String> first, List<String> last) {
        Names {
            first = List.copyOf(first);
            last = List.copyOf(last);
        }
    }

    /**
     * A country; {@code phonePattern} has {@code #} for random digits, {@code idFormat} makes a national ID
     * from a random source and the birth date.
     */
    record Country(String name, String region, int weight, List<String> cities, Names names, String phonePattern,
                   BiFunction<Random, LocalDate, String> idFormat) {
        Country {
            requireNonNull(name, "name");
            requireNonNull(region, "region");
            cities = List.copyOf(cities);
            requireNonNull(names, "names");
            requireNonNull(phonePattern, "phonePattern");
            requireNonNull(idFormat, "idFormat");
        }

        String phone(Random random) {
            return digits(random, phonePattern);
        }

        String nationalId(Random random, LocalDate birthDate) {
            return idFormat.apply(random, birthDate);
        }
    }

    private static final Names ENGLISH = new Names(
            List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
                    "Elizabeth", "William", "Barbara", "Emma", "Olivia", "Liam", "Noah", "Ava", "Sophia", "Zoë"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
                    "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Walker", "O'Brien", "Murphy", "Kelly"));
    private static final Names GERMAN = new Names(
            List.of("Lukas", "Leon", "Finn", "Jonas", "Anna", "Lea", "Hannah", "Marie", "Sophie", "Jürgen"),
            List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
                    "Schäfer"));
    private static final Names FRENCH = new Names(
            List.of("Louis", "Gabriel", "Léa", "Chloé", "Manon", "Hugo", "Jules", "Camille", "François", "Inès"),
            List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                    "Moreau"));
    private static final Names SPANISH = new Names(
            List.of("Hugo", "Martín", "Lucía", "Sofía", "Alejandro", "María", "Pablo", "Carmen", "José", "Javier"),
            List.of("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                    "Ruiz"));
    private static final Names ITALIAN = new Names(
            List.of("Francesco", "Alessandro", "Giulia", "Sofia", "Lorenzo", "Aurora", "Matteo", "Chiara",
                    "Leonardo", "Giorgia"),
            List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                    "Greco"));
    private static final Names DUTCH = new Names(
            List.of("Daan", "Sem", "Emma", "Julia", "Lucas", "Tess", "Mila", "Bram", "Sanne", "Jeroen"),
            List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                    "Smit", "Meijer"));
    private static final Names SWEDISH = new Names(
            List.of("Erik", "Lars", "Karin", "Ingrid", "Oscar", "Elsa", "Astrid", "Nils", "Maja", "Björn"),
            List.of("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                    "Svensson", "Gustafsson"));
    private static final Names POLISH = new Names(
            List.of("Jakub", "Łukasz", "Zofia", "Zuzanna", "Antoni", "Julia", "Szymon", "Maja", "Wojciech",
                    "Agnieszka"),
            List.of("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
                    "Szymański", "Woźniak"));
    private static final Names JAPANESE = new Names(
            List.of("Haruto", "Yuto", "Sota", "Yui", "Aoi", "Hina", "Ren", "Sakura", "Hiroshi", "Yuki"),
            List.of("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
                    "Kato"));
    private static final Names INDIAN = new Names(
            List.of("Aarav", "Vivaan", "Aditya", "Ananya", "Diya", "Priya", "Arjun", "Saanvi", "Rohan", "Isha"),
            List.of("Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Rao"));
    private static final Names KOREAN = new Names(
            List.of("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Seo-jun", "Su-bin", "Ye-jin",
                    "Hyun-woo"),
            List.of("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"));
    private static final Names SINGAPOREAN = new Names(
            List.of("Wei Ling", "Jun Jie", "Hui Min", "Zhi Hao", "Mei Ling", "Kai Wen", "Siti", "Arjun", "Nur",
                    "Ryan"),
            List.of("Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh"));

    static final List<Country> COUNTRIES = List.of(
            new Country("United States", "US", 40,
                    List.of("New York", "San Francisco", "Chicago", "Austin", "Seattle", "Boston", "Denver"),
                    ENGLISH, "+1 ###-555-01##", (r, b) -> ssn(r)),
            new Country("Germany", "EU", 7, List.of("Berlin", "München", "Hamburg", "Köln", "Frankfurt"),
                    GERMAN, "+49 30 #######", (r, b) -> (1 + r.nextInt(9)) + digits(r, "##########")),
            new Country("France", "EU", 6, List.of("Paris", "Lyon", "Marseille", "Toulouse", "Lille"),
                    FRENCH, "+33 6 ## ## ## ##", PeopleData::insee),
            new Country("Spain", "EU", 5, List.of("Madrid", "Barcelona", "Valencia", "Sevilla"),
                    SPANISH, "+34 6## ### ###", (r, b) -> dni(r)),
            new Country("Italy", "EU", 5, List.of("Roma", "Milano", "Torino", "Napoli"),
                    ITALIAN, "+39 3## ### ####", PeopleData::codiceFiscale),
            new Country("Netherlands", "EU", 4, List.of("Amsterdam", "Rotterdam", "Utrecht"),
                    DUTCH, "+31 6 ########", (r, b) -> bsn(r)),
            new Country("Sweden", "EU", 3, List.of("Stockholm", "Göteborg", "Malmö"),
                    SWEDISH, "+46 70 ### ## ##", PeopleData::personnummer),
            new Country("Ireland", "EU", 2, List.of("Dublin", "Cork", "Galway"),
                    ENGLISH, "+353 87 ### ####", (r, b) -> pps(r)),
            new Country("Poland", "EU", 3, List.of("Warszawa", "Kraków", "Gdańsk"),
                    POLISH, "+48 ### ### ###", (r, b) -> digits(r, "###########")),
            new Country("Japan", "APAC", 7, List.of("Tokyo", "Osaka", "Yokohama", "Kyoto"),
                    JAPANESE, "+81 90-####-####", (r, b) -> digits(r, "#### #### ####")),
            new Country("Australia", "APAC", 5, List.of("Sydney", "Melbourne", "Brisbane", "Perth"),
                    ENGLISH, "+61 4## ### ###", (r, b) -> digits(r, "### ### ###")),
            new Country("India", "APAC", 6, List.of("Mumbai", "Bengaluru", "Delhi", "Chennai"),
                    INDIAN, "+91 9#### #####", (r, b) -> (2 + r.nextInt(8)) + digits(r, "### #### ####")),
            new Country("South Korea", "APAC", 4, List.of("Seoul", "Busan", "Incheon"),
                    KOREAN, "+82 10-####-####", PeopleData::koreanRrn),
            new Country("Singapore", "APAC", 3, List.of("Singapore"),
                    SINGAPOREAN, "+65 9### ####", (r, b) -> nric(r)));

    private static final int TOTAL_WEIGHT = COUNTRIES.stream().mapToInt(Country::weight).sum();

    private PeopleData() {
    }

    static Country pickCountry(Random random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Country country : COUNTRIES) {
            ticket -= country.weight();
            if (ticket < 0) {
                return country;
            }
        }
        throw new AssertionError("weights do not add up");
    }

    /** Replaces each {@code #} with a random digit. */
    static String digits(Random random, String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            sb.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        return sb.toString();
    }

    /** US SSN: area 001-899 without 666, group 01-99, serial 0001-9999. */
    private static String ssn(Random r) {
        int area = 1 + r.nextInt(899);
        if (area == 666) {
            area = 667;
        }
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    /** French NIR: sex, birth year and month, department, commune, order, then the mod-97 key. */
    private static String insee(Random r, LocalDate birth) {
        String body = (1 + r.nextInt(2)) + String.format(Locale.ROOT, "%02d%02d", birth.getYear() % 100, birth.getMonthValue())
                + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(95)) + digits(r, "######");
        long key = 97 - Long.parseLong(body) % 97;
        return body.charAt(0) + " " + body.substring(1, 3) + " " + body.substring(3, 5) + " " + body.substring(5, 7)
                + " " + body.substring(7, 10) + " " + body.substring(10, 13) + " " + String.format(Locale.ROOT, "%02d", key);
    }

    /** Spanish DNI: eight digits and the mod-23 control letter. */
    private static String dni(Random r) {
        int number = r.nextInt(100_000_000);
        return String.format(Locale.ROOT, "%08d", number) + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(number % 23);
    }

    /** Italian codice fiscale shape: surname and name letters, birth date and place, control letter. */
    private static String codiceFiscale(Random r, LocalDate birth) {
        String letters = "BCDFGHLMNPRSTVZ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        sb.append(String.format(Locale.ROOT, "%02d", birth.getYear() % 100)).append("ABCDEHLMPRST".charAt(birth.getMonthValue() - 1))
                .append(String.format(Locale.ROOT, "%02d", birth.getDayOfMonth() + (r.nextBoolean() ? 40 : 0)))
                .append((char) ('A' + r.nextInt(26))).append(digits(r, "###"))
                .append((char) ('A' + r.nextInt(26)));
        return sb.toString();
    }

    /** Dutch BSN: nine digits passing the eleven-test. */
    private static String bsn(Random r) {
        while (true) {
            String candidate = (1 + r.nextInt(9)) + digits(r, "########");
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (candidate.charAt(i) - '0');
            }
            sum -= candidate.charAt(8) - '0';
            if (sum % 11 == 0) {
                return candidate;
            }
        }
    }

    /** Swedish personnummer YYMMDD-NNNC with the Luhn check digit. */
    private static String personnummer(Random r, LocalDate birth) {
        String nine = String.format(Locale.ROOT, "%02d%02d%02d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth())
                + digits(r, "###");
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return nine.substring(0, 6) + "-" + nine.substring(6) + (10 - sum % 10) % 10;
    }

    /** Irish PPS number: seven digits and the mod-23 check letter. */
    private static String pps(Random r) {
        String seven = digits(r, "#######");
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (seven.charAt(i) - '0');
        }
        return seven + "WABCDEFGHIJKLMNOPQRSTUV".charAt(sum % 23);
    }

    /** Korean resident registration number: birth date, then a century/sex digit and six more. */
    private static String koreanRrn(Random r, LocalDate birth) {
        int centurySex = (birth.getYear() >= 2000 ? 3 : 1) + r.nextInt(2);
        return String.format(Locale.ROOT, "%02d%02d%02d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth())
                + "-" + centurySex + digits(r, "######");
    }

    /** Singapore NRIC: S, seven digits, weighted-sum check letter. */
    private static String nric(Random r) {
        String seven = digits(r, "#######");
        int[] weights = {2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += weights[i] * (seven.charAt(i) - '0');
        }
        return "S" + seven + "JZIHGFEDCBA".charAt(sum % 11);
    }
}
