package io.sluice.gateway.policy.bypass;

import static io.sluice.gateway.policy.bypass.Demo.email;
import static io.sluice.gateway.policy.bypass.Demo.initial;
import static io.sluice.gateway.policy.bypass.Demo.like;
import static io.sluice.gateway.policy.bypass.Demo.phone;
import static io.sluice.gateway.policy.bypass.Demo.redact;
import static io.sluice.gateway.policy.bypass.Demo.row;
import static io.sluice.gateway.policy.bypass.Demo.year;

import io.sluice.gateway.policy.bypass.Attempt.Expect;
import io.sluice.gateway.policy.bypass.Demo.Person;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of bypass attempts against the default bundle (policies/bundle) with the tags of
 * conf/sluice.yaml. ana is an analyst in the EU, uma in the US: both see only their region's
 * people, with email → email_domain, phone → show_last_4, national_id → redact,
 * birth_date → date_year, last_name → initial, crm.customer.c_phone → show_last_4 and
 * support_tickets.body scrubbed. Expected answers are admin's answers with the filter written
 * out by hand, or admin's raw values masked by {@link Demo}.
 */
public final class Attempts {
    private Attempts() {}

    /** {@code region = '<the user's region>'}, the row filter written out by hand. */
    private static String own(Demo d, String user) {
        return "region = '" + d.region(user) + "'";
    }

    private static List<List<String>> people(Demo d, String user, Function<Person, List<String>> columns) {
        return d.visible(user).stream().map(columns).toList();
    }

    private static List<List<String>> single(Object value) {
        return List.of(row(value));
    }

    public static List<Attempt> all() {
        return List.of(
                // ------------------------------------------------ aggregates over hidden rows
                a("count(*) counts only visible rows", "ana", "select count(*) from sales.people").viaClients()
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana")),
                a("count(*) counts only visible rows", "uma", "select count(*) from sales.people").viaClients()
                        .admin(d -> "select count(*) from sales.people where " + own(d, "uma")),
                a("count of other regions is zero", "ana", "select count(*) from sales.people where region <> 'EU'")
                        .viaClients().admin(d -> "select count(*) from sales.people where " + own(d, "ana")
                                + " and region <> 'EU'"),
                a("OR 1 = 1 does not widen the filter", "uma",
                        "select count(*) from sales.people where region = 'EU' or 1 = 1")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "uma")
                                + " and (region = 'EU' or 1 = 1)"),
                a("aggregates see visible rows only", "ana",
                        "select count(*), count(distinct id), min(id), max(id), sum(customer_key) from sales.people")
                        .admin(d -> "select count(*), count(distinct id), min(id), max(id), sum(customer_key)"
                                + " from sales.people where " + own(d, "ana")),
                a("conditional aggregates over other regions are empty", "ana",
                        "select sum(case when region = 'US' then 1 else 0 end), count(*) filter (where region = 'APAC')"
                                + " from sales.people")
                        .admin(d -> "select sum(case when region = 'US' then 1 else 0 end),"
                                + " count(*) filter (where region = 'APAC') from sales.people where " + own(d, "ana")),
                a("group by region shows one region", "ana", "select region, count(*) from sales.people group by region")
                        .viaClients().admin(d -> "select region, count(*) from sales.people where " + own(d, "ana")
                                + " group by region"),
                a("min and max of a masked date are masked", "ana",
                        "select min(birth_date), max(birth_date) from sales.people")
                        .rows(d -> List.of(row(
                                year(d.visible("ana").stream().map(Person::birthDate).min(Comparator.naturalOrder())
                                        .orElseThrow()),
                                year(d.visible("ana").stream().map(Person::birthDate).max(Comparator.naturalOrder())
                                        .orElseThrow())))),

                // ------------------------------------------------ sub-queries
                a("derived table filtered on another region is empty", "ana",
                        "select * from (select * from sales.people) p where p.region = 'US'")
                        .admin(d -> "select * from (select * from sales.people where " + own(d, "ana")
                                + ") p where p.region = 'US'"),
                a("scalar sub-query counts visible rows only", "ana",
                        "select (select count(*) from sales.people where region = 'US')").viaClients()
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana") + " and region = 'US'"),
                a("scalar sub-query in WHERE picks a hidden id", "ana",
                        "select count(*) from sales.people where id = (select max(id) from sales.people"
                                + " where region = 'US')").viaClients()
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana") + " and id ="
                                + " (select max(id) from sales.people where " + own(d, "ana") + " and region = 'US')"),
                a("IN sub-query across sources uses visible keys", "ana",
                        "select count(*) from crm.customer where c_custkey in (select customer_key from sales.people)")
                        .admin(d -> "select count(*) from crm.customer where c_custkey in"
                                + " (select customer_key from sales.people where " + own(d, "ana") + ")"),
                a("EXISTS on hidden rows finds none", "ana",
                        "select count(*) from crm.customer c where exists (select 1 from sales.people p"
                                + " where p.customer_key = c.c_custkey and p.region = 'US')")
                        .admin(d -> "select count(*) from crm.customer c where exists (select 1 from sales.people p"
                                + " where p.customer_key = c.c_custkey and p." + own(d, "ana") + " and p.region = 'US')"),
                a("NOT IN of visible ids leaves nothing", "ana",
                        "select count(*) from sales.people where id not in"
                                + " (select id from sales.people where region = 'EU')")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana") + " and id not in"
                                + " (select id from sales.people where " + own(d, "ana") + " and region = 'EU')"),

                // ------------------------------------------------ CTEs
                a("CTE filtered on another region is empty", "ana",
                        "with p as (select * from sales.people) select count(*) from p where region = 'US'").viaClients()
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana") + " and region = 'US'"),
                a("CTE returns masked values", "ana",
                        "with p as (select id, email from sales.people) select id, email from p").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), email(p.email())))),
                a("recursive CTE joined to people sees visible rows, masked", "ana",
                        "with recursive r(n) as (select min(id) from sales.people union all select n + 1 from r"
                                + " where n < (select min(id) from sales.people) + 20)"
                                + " select p.id, p.national_id, p.region from r join sales.people p on p.id = r.n")
                        .rows(d -> {
                            int min = d.visible("ana").getFirst().id();
                            return d.visible("ana").stream().filter(p -> p.id() <= min + 20)
                                    .map(p -> row(p.id(), redact(p.nationalId()), p.region())).toList();
                        }),
                a("recursive CTE walking every id finds only visible people", "uma",
                        "with recursive r(n) as (select 1 union all select n + 1 from r where n < 300)"
                                + " select count(*) from r join sales.people p on p.id = r.n")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "uma")
                                + " and id between 1 and 300"),

                // ------------------------------------------------ set operations
                a("UNION of masked emails", "ana",
                        "select email from sales.people union select email from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(email(p.email()))).stream().distinct().toList()),
                a("UNION ALL with a branch on another region", "ana",
                        "select count(*) from (select id from sales.people where region = 'US'"
                                + " union all select id from sales.people) t")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana")),
                a("INTERSECT with raw emails finds none", "ana",
                        d -> "select email from sales.people intersect select e from (values ('"
                                + d.visible("ana").get(0).email() + "'), ('" + d.visible("ana").get(1).email()
                                + "')) as t(e)").viaClients()
                        .rows(d -> List.of()),
                a("INTERSECT of masked national ids", "ana",
                        "select national_id from sales.people intersect select national_id from sales.people")
                        .rows(d -> people(d, "ana", p -> row(redact(p.nationalId()))).stream().distinct().toList()),
                a("EXCEPT cannot reveal hidden ids", "ana",
                        "select id from sales.people except select id from sales.people where region = 'EU'").viaClients()
                        .admin(d -> "select id from sales.people where " + own(d, "ana")
                                + " except select id from sales.people where " + own(d, "ana")),
                a("EXCEPT a raw email keeps it (no masked value equals it)", "ana",
                        d -> "select e from (values ('" + d.visible("ana").getFirst().email()
                                + "')) as t(e) except select email from sales.people")
                        .rows(d -> single(d.visible("ana").getFirst().email())),

                // ------------------------------------------------ self-joins, joins across sources
                a("quoted identifiers reach the same masked table", "ana",
                        "select \"id\", \"email\" from \"sales\".\"people\"").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), email(p.email())))),
                a("UNION ALL of people phones and crm phones, all masked", "ana",
                        "select phone from sales.people union all select c_phone from crm.customer")
                        .rows(d -> java.util.stream.Stream.concat(
                                d.visible("ana").stream().map(p -> row(phone(p.phone()))),
                                d.admin("select c_phone from crm.customer").stream()
                                        .map(r -> row(phone(r.getFirst())))).toList()),
                a("self-join returns masked values", "ana",
                        "select p1.id, p2.email from sales.people p1 join sales.people p2 on p1.id = p2.id").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), email(p.email())))),
                a("self-join on a masked column matches masked values", "ana",
                        "select count(*) from sales.people p1 join sales.people p2 on p1.national_id = p2.national_id")
                        .rows(d -> single(d.visible("ana").stream()
                                .collect(Collectors.groupingBy(p -> redact(p.nationalId()), Collectors.counting()))
                                .values().stream().mapToLong(c -> c * c).sum())),
                a("self-join to another region is empty", "ana",
                        "select count(*) from sales.people p1 join sales.people p2 on p1.customer_key = p2.customer_key"
                                + " where p2.region = 'US'")
                        .admin(d -> "select count(*) from (select * from sales.people where " + own(d, "ana")
                                + ") p1 join (select * from sales.people where " + own(d, "ana")
                                + ") p2 on p1.customer_key = p2.customer_key where p2.region = 'US'"),
                a("join with crm.customer masks c_phone", "ana",
                        "select p.id, c.c_phone from sales.people p join crm.customer c on c.c_custkey = p.customer_key")
                        .viaClients()
                        .rows(d -> d.admin("select p.id, c.c_phone from sales.people p join crm.customer c"
                                + " on c.c_custkey = p.customer_key where p." + own(d, "ana")).stream()
                                .map(r -> row(r.get(0), phone(r.get(1)))).toList()),
                a("join with crm.customer on another region is empty", "ana",
                        "select count(*) from crm.customer c join sales.people p on c.c_custkey = p.customer_key"
                                + " where p.region = 'US'")
                        .admin(d -> "select count(*) from crm.customer c join sales.people p"
                                + " on c.c_custkey = p.customer_key where p." + own(d, "ana") + " and p.region = 'US'"),
                a("crm c_phone compared with a raw value", "ana",
                        d -> "select count(*) from crm.customer where c_phone = '"
                                + d.adminValue("select c_phone from crm.customer order by c_custkey limit 1") + "'")
                        .rows(d -> {
                            String raw = d.adminValue("select c_phone from crm.customer order by c_custkey limit 1");
                            return single(d.admin("select c_phone from crm.customer").stream()
                                    .filter(r -> phone(r.getFirst()).equals(raw)).count());
                        }),
                a("tickets joined to people of another region are empty", "ana",
                        "select t.id from sales.support_tickets t join sales.people p on p.id = t.person_id"
                                + " where p.region = 'US'")
                        .admin(d -> "select t.id from sales.support_tickets t join sales.people p"
                                + " on p.id = t.person_id where p." + own(d, "ana") + " and p.region = 'US'"),
                a("ticket bodies searched for a raw email", "ana",
                        d -> "select count(*) from sales.support_tickets where body like '%" + d.emailInATicket() + "%'")
                        .rows(d -> single(d.admin("select body from sales.support_tickets").stream()
                                .filter(r -> Demo.scrub(r.getFirst()).contains(d.emailInATicket())).count())),

                // ------------------------------------------------ window functions
                a("max over () of a masked column", "ana", "select max(email) over () from sales.people")
                        .rows(d -> {
                            String max = d.visible("ana").stream().map(p -> email(p.email()))
                                    .max(Comparator.naturalOrder()).orElseThrow();
                            return people(d, "ana", p -> row(max));
                        }),
                a("max over () of a masked crm phone", "uma", "select c_custkey, max(c_phone) over () from crm.customer")
                        .rows(d -> {
                            List<List<String>> all = d.admin("select c_custkey, c_phone from crm.customer");
                            String max = all.stream().map(r -> phone(r.get(1))).max(Comparator.naturalOrder())
                                    .orElseThrow();
                            return all.stream().map(r -> row(r.get(0), max)).toList();
                        }),
                a("lag over a masked crm phone", "ana",
                        "select c_custkey, lag(c_phone) over (order by c_custkey) from crm.customer").viaClients()
                        .rows(d -> {
                            List<List<String>> all = d.admin("select c_custkey, c_phone from crm.customer"
                                    + " order by c_custkey");
                            return java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> row(
                                    all.get(i).get(0), i == 0 ? null : phone(all.get(i - 1).get(1)))).toList();
                        }),
                a("lag over a masked column", "ana",
                        "select id, lag(national_id) over (order by id) from sales.people")
                        .rows(d -> {
                            List<Person> v = d.visible("ana");
                            return java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> row(v.get(i).id(),
                                    i == 0 ? null : redact(v.get(i - 1).nationalId()))).toList();
                        }),
                a("count over partition by region", "ana",
                        "select distinct count(*) over (partition by region) from sales.people")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana")),
                a("row_number ordered by a masked date", "ana",
                        "select id, row_number() over (order by birth_date, id) from sales.people")
                        .rows(d -> {
                            List<Person> v = d.visible("ana").stream().sorted(Comparator
                                    .comparing((Person p) -> year(p.birthDate())).thenComparing(Person::id)).toList();
                            return java.util.stream.IntStream.range(0, v.size())
                                    .mapToObj(i -> row(v.get(i).id(), (long) i + 1)).toList();
                        }),

                // ------------------------------------------------ GROUP BY / DISTINCT / ORDER BY on masked columns
                a("group by a masked email", "ana",
                        "select email, count(*) from sales.people group by email order by email").viaClients()
                        .rows(d -> groups(d.visible("ana").stream().map(p -> email(p.email())).toList())),
                a("group by a masked date", "uma", "select birth_date, count(*) from sales.people group by birth_date")
                        .rows(d -> groups(d.visible("uma").stream().map(p -> year(p.birthDate()).toString()).toList())),
                a("distinct substring of a masked email", "ana",
                        "select distinct substring(email, 1, 3) from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(email(p.email()).substring(0, 3))).stream().distinct()
                                .toList()),
                a("count distinct of a masked national id", "ana",
                        "select count(distinct national_id) from sales.people")
                        .rows(d -> single(d.visible("ana").stream().map(p -> redact(p.nationalId())).distinct().count())),
                a("order by a masked date", "ana", "select id from sales.people order by birth_date, id").viaClients()
                        .ordered(d -> d.visible("ana").stream().sorted(Comparator
                                .comparing((Person p) -> year(p.birthDate())).thenComparing(Person::id))
                                .map(p -> row(p.id())).toList()),
                a("smallest email by ORDER BY LIMIT 1 is masked", "ana",
                        "select email from sales.people order by email limit 1").viaClients()
                        .rows(d -> single(d.visible("ana").stream().map(p -> email(p.email()))
                                .min(Comparator.naturalOrder()).orElseThrow())),
                a("order by a masked phone", "uma", "select id from sales.people order by phone, id limit 25")
                        .ordered(d -> d.visible("uma").stream().sorted(Comparator
                                .comparing((Person p) -> phone(p.phone())).thenComparing(Person::id)).limit(25)
                                .map(p -> row(p.id())).toList()),

                // ------------------------------------------------ predicates on masked columns
                a("national_id equal to a raw visible id", "ana",
                        d -> "select national_id from sales.people where national_id = '"
                                + d.visible("ana").getFirst().nationalId() + "'").viaClients()
                        .rows(d -> people(d, "ana", p -> row(redact(p.nationalId()))).stream()
                                .filter(r -> r.getFirst().equals(d.visible("ana").getFirst().nationalId())).toList()),
                a("national_id equal to its masked form compares masked values", "ana",
                        d -> "select id from sales.people where national_id = '"
                                + redact(d.visible("ana").getFirst().nationalId()) + "'").viaClients()
                        .rows(d -> d.visible("ana").stream().filter(p -> redact(p.nationalId())
                                        .equals(redact(d.visible("ana").getFirst().nationalId())))
                                .map(p -> row(p.id())).toList()),
                a("email equal to a raw email", "ana",
                        d -> "select id from sales.people where email = '" + d.visible("ana").getFirst().email() + "'")
                        .viaClients().rows(d -> List.of()),
                a("phone equal to a raw phone", "uma",
                        d -> "select id from sales.people where phone = '" + d.visible("uma").getFirst().phone() + "'")
                        .rows(d -> d.visible("uma").stream()
                                .filter(p -> phone(p.phone()).equals(d.visible("uma").getFirst().phone()))
                                .map(p -> row(p.id())).toList()),
                a("last_name equal to a raw last name", "ana",
                        d -> "select id from sales.people where last_name = '"
                                + d.visible("ana").getFirst().lastName().replace("'", "''") + "'")
                        .rows(d -> d.visible("ana").stream()
                                .filter(p -> initial(p.lastName()).equals(d.visible("ana").getFirst().lastName()))
                                .map(p -> row(p.id())).toList()),
                a("birth_date equal to a raw date", "ana",
                        d -> "select id from sales.people where birth_date = date '" + d.midYear("ana").birthDate() + "'")
                        .rows(d -> d.visible("ana").stream()
                                .filter(p -> year(p.birthDate()).equals(d.midYear("ana").birthDate()))
                                .map(p -> row(p.id())).toList()),
                a("birth_date in a narrow raw range", "ana",
                        d -> "select id from sales.people where birth_date between date '"
                                + d.midYear("ana").birthDate().minusDays(2) + "' and date '"
                                + d.midYear("ana").birthDate().plusDays(2) + "'")
                        .rows(d -> d.visible("ana").stream().filter(p -> {
                            var y = year(p.birthDate());
                            return !y.isBefore(d.midYear("ana").birthDate().minusDays(2))
                                    && !y.isAfter(d.midYear("ana").birthDate().plusDays(2));
                        }).map(p -> row(p.id())).toList()),
                a("month of a masked date is always January", "ana",
                        "select count(*) from sales.people where extract(month from birth_date) <> 1")
                        .rows(d -> single(d.visible("ana").stream().filter(p -> year(p.birthDate()).getMonthValue() != 1)
                                .count())),
                a("hidden person's national id compared", "ana",
                        d -> "select count(*) from sales.people where national_id = '"
                                + d.hidden("ana").nationalId() + "'").viaClients()
                        .rows(d -> single(d.visible("ana").stream()
                                .filter(p -> redact(p.nationalId()).equals(d.hidden("ana").nationalId())).count())),

                // ------------------------------------------------ LIKE on masked values
                a("LIKE on a national id prefix", "ana", "select count(*) from sales.people where national_id like '1%'")
                        .rows(d -> single(d.visible("ana").stream().filter(p -> like(redact(p.nationalId()), "1%"))
                                .count())),
                a("LIKE on a raw email prefix", "ana",
                        d -> "select id from sales.people where email like '"
                                + d.visible("ana").getFirst().email().substring(0, 4) + "%'").viaClients()
                        .rows(d -> d.visible("ana").stream().filter(p -> like(email(p.email()),
                                d.visible("ana").getFirst().email().substring(0, 4) + "%")).map(p -> row(p.id())).toList()),
                a("LIKE on raw middle digits of a phone", "uma",
                        d -> "select id from sales.people where phone like '%"
                                + d.visible("uma").getFirst().phone().substring(2, 7) + "%'")
                        .rows(d -> d.visible("uma").stream().filter(p -> like(phone(p.phone()),
                                "%" + d.visible("uma").getFirst().phone().substring(2, 7) + "%"))
                                .map(p -> row(p.id())).toList()),
                a("LIKE on a raw last-name prefix", "ana",
                        d -> "select count(*) from sales.people where last_name like '"
                                + d.visible("ana").getFirst().lastName().substring(0, 2).replace("'", "''") + "%'")
                        .rows(d -> single(d.visible("ana").stream().filter(p -> like(initial(p.lastName()),
                                d.visible("ana").getFirst().lastName().substring(0, 2) + "%")).count())),

                // ------------------------------------------------ CASE / COALESCE / CAST tricks
                a("CASE over a masked national id", "ana",
                        "select id, case when national_id like '1%' then 1 else 0 end from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), like(redact(p.nationalId()), "1%") ? 1 : 0))),
                a("CASE comparing a raw email in WHERE", "ana",
                        d -> "select count(*) from sales.people where case when email = '"
                                + d.visible("ana").getFirst().email() + "' then true else false end")
                        .rows(d -> single(d.visible("ana").stream()
                                .filter(p -> email(p.email()).equals(d.visible("ana").getFirst().email())).count())),
                a("CAST of a masked phone to a wider type", "ana",
                        "select id, cast(phone as varchar(100)) from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), phone(p.phone())))),
                a("COALESCE of a masked email", "ana", "select id, coalesce(email, 'x') from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), email(p.email())))),
                a("lengths of masked values", "ana", "select id, char_length(last_name), char_length(email)"
                        + " from sales.people").viaClients()
                        .rows(d -> people(d, "ana", p -> row(p.id(), initial(p.lastName()).length(),
                                email(p.email()).length()))),
                a("CAST of a masked date to text", "ana", "select id, cast(birth_date as varchar(20)) from sales.people")
                        .viaClients().rows(d -> people(d, "ana", p -> row(p.id(), year(p.birthDate()).toString()))),
                a("upper and substring of a masked national id", "uma",
                        "select id, upper(substring(national_id from 1 for 3)) from sales.people")
                        .rows(d -> people(d, "uma", p -> row(p.id(), redact(p.nationalId()).substring(0, 3)
                                .toUpperCase(java.util.Locale.ROOT)))),

                // ------------------------------------------------ errors
                a("cast of a masked email to integer fails without the raw value", "ana",
                        "select cast(email as integer) from sales.people").viaClients().fails(Demo::rawSecrets),
                a("cast of a masked national id to integer fails without the raw value", "ana",
                        "select cast(national_id as integer) from sales.people").viaClients().fails(Demo::rawSecrets),
                a("cast of one visible raw email fails without it", "ana",
                        d -> "select cast((select email from sales.people where id = " + d.visible("ana").getFirst().id()
                                + ") as integer)").fails(Demo::rawSecrets),
                a("division by zero on hidden rows only never fires", "ana",
                        "select id / (case when region = 'US' then 0 else 1 end) from sales.people").viaClients()
                        .admin(d -> "select id from sales.people where " + own(d, "ana")),
                a("division by zero when a raw id matches never fires", "ana",
                        d -> "select count(*) from sales.people where 1 / (case when national_id = '"
                                + d.visible("ana").getFirst().nationalId() + "' then 0 else 1 end) = 1")
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana")),

                // ------------------------------------------------ EXPLAIN
                a("EXPLAIN shows the filter and no raw value", "ana", "explain select * from sales.people").viaClients()
                        .output(d -> List.of("'" + d.region("ana") + "'"), Demo::rawSecrets),
                a("EXPLAIN of a predicate on a masked column", "uma",
                        "explain select id from sales.people where email like 'a%'")
                        .output(d -> List.of("'" + d.region("uma") + "'"), Demo::rawSecrets),

                // ------------------------------------------------ catalog queries and denials
                a("nobody sees no source table in pg_class", "nobody",
                        "select relname from pg_catalog.pg_class where relname in"
                                + " ('people', 'orders', 'customer', 'nation', 'support_tickets')").viaClients()
                        .rows(d -> List.of()),
                a("nobody sees no source table in information_schema.tables", "nobody",
                        "select table_schema, table_name from information_schema.tables"
                                + " where table_schema not in ('pg_catalog', 'information_schema')").viaClients()
                        .rows(d -> List.of()),
                a("nobody sees no source column in information_schema.columns", "nobody",
                        "select column_name from information_schema.columns where table_name = 'people'")
                        .rows(d -> List.of()),
                a("an analyst does see the people table listed", "ana",
                        "select table_name from information_schema.tables where table_name = 'people'").viaClients()
                        .admin(d -> "select table_name from information_schema.tables where table_name = 'people'"),
                a("nobody is denied people", "nobody", "select count(*) from sales.people").viaClients()
                        .denied("no_grant", "sales.public.people"),
                a("nobody is denied a file table", "nobody", "select * from lake.nation")
                        .denied("no_grant", "lake"),
                a("nobody is denied through EXISTS", "nobody",
                        "select 1 from (values (1)) as t(x) where exists (select 1 from crm.customer)")
                        .viaClients().denied("no_grant", "crm.crm.customer"),
                a("nobody is denied EXPLAIN", "nobody", "explain select * from sales.people").viaClients()
                        .denied("no_grant", "sales.public.people"),
                a("an auditor is denied people", "sam", "select email from sales.people").denied("no_grant"),

                // ------------------------------------------------ prepared statements with parameters
                a("parameter bound to a raw national id", "ana",
                        "select count(*) from sales.people where national_id = ?")
                        .viaClients().bind(d -> List.of(d.visible("ana").getFirst().nationalId()))
                        .rows(d -> single(d.visible("ana").stream()
                                .filter(p -> redact(p.nationalId()).equals(d.visible("ana").getFirst().nationalId()))
                                .count())),
                a("parameter bound to another region", "ana", "select count(*) from sales.people where region = ?")
                        .viaClients().bind(d -> List.of("US"))
                        .admin(d -> "select count(*) from sales.people where " + own(d, "ana") + " and region = 'US'"),
                a("parameter bound to a hidden person's id", "ana", "select email from sales.people where id = ?")
                        .viaClients().bind(d -> List.of(d.hidden("ana").id())).rows(d -> List.of()),
                a("parameter bound to a visible person's id", "ana", "select email from sales.people where id = ?")
                        .viaClients().bind(d -> List.of(d.visible("ana").getFirst().id()))
                        .rows(d -> single(email(d.visible("ana").getFirst().email()))),
                a("parameter as a raw email LIKE prefix", "uma", "select count(*) from sales.people where email like ?")
                        .viaClients().bind(d -> List.of(d.visible("uma").getFirst().email().substring(0, 3) + "%"))
                        .rows(d -> single(d.visible("uma").stream().filter(p -> like(email(p.email()),
                                d.visible("uma").getFirst().email().substring(0, 3) + "%")).count())));
    }

    /** (value, count) per distinct value, as a GROUP BY answers. */
    private static List<List<String>> groups(List<String> values) {
        Map<String, Long> counts = values.stream()
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
    }

    static Builder a(String name, String user, String sql) {
        return new Builder(name, user, d -> sql, d -> List.of(), false);
    }

    static Builder a(String name, String user, Function<Demo, String> sql) {
        return new Builder(name, user, sql, d -> List.of(), false);
    }

    record Builder(String name, String user, Function<Demo, String> sql,
            Function<Demo, List<Object>> parameters, boolean clients) {
        Builder viaClients() {
            return new Builder(name, user, sql, parameters, true);
        }

        Builder bind(Function<Demo, List<Object>> values) {
            return new Builder(name, user, sql, values, clients);
        }

        Attempt rows(Function<Demo, List<List<String>>> rows) {
            return expect(new Expect.Rows(rows, false));
        }

        Attempt ordered(Function<Demo, List<List<String>>> rows) {
            return expect(new Expect.Rows(rows, true));
        }

        /** admin's answer to a statement with the filter and masks written out by hand. */
        Attempt admin(Function<Demo, String> adminSql) {
            return rows(d -> d.admin(adminSql.apply(d)));
        }

        Attempt denied(String... fragments) {
            return expect(new Expect.Denied(List.of(fragments)));
        }

        Attempt output(Function<Demo, List<String>> present, Function<Demo, List<String>> absent) {
            return expect(new Expect.Output(present, absent));
        }

        Attempt fails(Function<Demo, List<String>> absent) {
            return expect(new Expect.Fails(absent));
        }

        private Attempt expect(Expect expect) {
            return new Attempt(name, user, sql, parameters, expect, clients);
        }
    }
}
