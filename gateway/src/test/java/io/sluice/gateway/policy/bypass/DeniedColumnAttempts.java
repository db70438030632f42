package io.sluice.gateway.policy.bypass;

import static io.sluice.gateway.policy.bypass.Attempts.a;

import java.util.List;

/** Bypass attempts on a denied column. */
public final class DeniedColumnAttempts {
    private DeniedColumnAttempts() {}

    /**
     * Attempts on a column the policy denies. The default bundle denies columns tagged
     * {@code secret} but conf/sluice.yaml tags none, so these run against the gateway's test
     * bundle with {@code sales.support_tickets.body} tagged {@code secret}
     * (DemoEngines.withPolicy); expected answers come from admin on that engine.
     */
    public static List<Attempt> all() {
        String denial = "column body of sales.public.support_tickets";
        return List.of(
                a("denied column is not listed in information_schema.columns", "ana",
                        "select column_name from information_schema.columns where table_name = 'support_tickets'")
                        .admin(d -> "select column_name from information_schema.columns"
                                + " where table_name = 'support_tickets' and column_name <> 'body'"),
                a("denied column is not listed in pg_attribute", "ana",
                        "select a.attname from pg_catalog.pg_attribute a join pg_catalog.pg_class c"
                                + " on a.attrelid = c.oid where c.relname = 'support_tickets' and a.attnum > 0")
                        .admin(d -> "select a.attname from pg_catalog.pg_attribute a join pg_catalog.pg_class c"
                                + " on a.attrelid = c.oid where c.relname = 'support_tickets' and a.attnum > 0"
                                + " and a.attname <> 'body'"),
                a("selecting a denied column", "ana", "select body from sales.support_tickets")
                        .denied(denial, "secret columns are for admins only"),
                a("select star includes a denied column", "ana", "select * from sales.support_tickets")
                        .denied(denial),
                a("denied column in a predicate only", "ana",
                        "select count(*) from sales.support_tickets where body like '%@%'").denied(denial),
                a("denied column in ORDER BY only", "ana",
                        "select id from sales.support_tickets order by body limit 5").denied(denial),
                a("denied column through a function", "ana",
                        "select max(char_length(body)) from sales.support_tickets").denied(denial),
                a("denied column through a CTE", "ana",
                        "with t as (select body from sales.support_tickets) select count(*) from t where t.body like '%@%'")
                        .denied(denial),
                a("denied column in a predicate the planner can fold", "ana",
                        "select count(*) from sales.support_tickets where body is null").denied(denial),
                a("denied column in a window", "ana",
                        "select id, count(*) over (partition by body) from sales.support_tickets").denied(denial),
                a("denied column in a join condition", "ana",
                        "select count(*) from sales.support_tickets t join sales.people p on t.body like '%' || p.email"
                                + " || '%'").denied(denial));
    }
}
