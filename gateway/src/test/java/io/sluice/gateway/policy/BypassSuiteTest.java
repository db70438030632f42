package io.sluice.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.backend.Gateway;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.policy.bypass.Attempt;
import io.sluice.gateway.policy.bypass.Attempt.Expect;
import io.sluice.gateway.policy.bypass.Attempt.Outcome;
import io.sluice.gateway.policy.bypass.Attempts;
import io.sluice.gateway.policy.bypass.DeniedColumnAttempts;
import io.sluice.gateway.policy.bypass.Clients;
import io.sluice.gateway.policy.bypass.Demo;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.testing.DemoEngines;
import io.sluice.gateway.testing.SharedDemoDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5's bar: users under a row filter and masks try to recover raw values or hidden rows
 * (sub-queries, CTEs, set operations, joins, windows, GROUP BY / ORDER BY / predicates / LIKE
 * on masked columns, CASE / CAST tricks, aggregates, EXPLAIN, error messages, catalog queries,
 * prepared statements), and every attempt gets exactly the filtered, masked answer or a denial.
 * The gateway runs the demo as conf/sluice.yaml configures it (default bundle, its tags, its
 * users); each attempt runs in-process, and the ones marked for clients also through pgjdbc and
 * psql.
 */
class BypassSuiteTest {
    static SluiceConfig config;
    static Gateway gateway;
    static Demo demo;
    static Clients clients;
    static Engine secretEngine;
    static Demo secretDemo;

    @BeforeAll
    static void start() throws Exception {
        config = DemoEngines.asConfigured(SharedDemoDatabases.get());
        gateway = Gateway.start(config);
        Map<String, String> regions = config.users().stream().filter(u -> u.attributes().containsKey("region"))
                .collect(Collectors.toMap(UserConfig::name, u -> u.attributes().get("region")));
        demo = new Demo(gateway.engine(), session("admin"), regions);
        Path work = Files.createDirectories(SharedDemoDatabases.testWorkRoot().resolve("bypass-suite"));
        clients = new Clients(gateway.port(), work);
        secretEngine = Engine.start(DemoEngines.withPolicy(SharedDemoDatabases.get(), DemoEngines.testBundle()));
        secretDemo = new Demo(secretEngine, session("admin"), regions);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (secretEngine != null) {
            secretEngine.close();
        }
    }

    /** The session the gateway gives a configured user: its groups and attributes from conf/sluice.yaml. */
    static SessionContext session(String user) {
        UserConfig u = config.users().stream().filter(c -> c.name().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(user + " is not a user in conf/sluice.yaml"));
        return new SessionContext(u.name(), u.groups(), u.attributes());
    }

    static Stream<Attempt> attempts() {
        return Attempts.all().stream();
    }

    static Stream<Attempt> clientAttempts() {
        return attempts().filter(Attempt::clients);
    }

    static Stream<Attempt> deniedColumnAttempts() {
        return DeniedColumnAttempts.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void inProcess(Attempt attempt) {
        check(attempt, run(gateway.engine(), attempt, demo), demo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientAttempts")
    void throughPgjdbc(Attempt attempt) {
        check(attempt, clients.jdbc(attempt.user(), attempt.sql().apply(demo), attempt.parameters().apply(demo)), demo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientAttempts")
    void throughPsql(Attempt attempt) throws Exception {
        Path psql = Clients.psql().orElse(null);
        Assumptions.assumeTrue(psql != null, "psql is not on PATH: skipping the psql bypass attempts");
        Assumptions.assumeTrue(attempt.parameters().apply(demo).isEmpty(), "psql -c binds no parameters");
        check(attempt, clients.psql(psql, attempt.user(), attempt.sql().apply(demo)), demo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deniedColumnAttempts")
    void deniedColumns(Attempt attempt) {
        check(attempt, run(secretEngine, attempt, secretDemo), secretDemo);
    }

    /**
     * Views defined in configuration: an analyst reading a configured view over sales.people must
     * get the view's rows through her own row filter and masks (the view runs with her rights).
     */
    @org.junit.jupiter.api.Test
    void viewDefinedInConfigurationIsFilteredAndMasked() throws Exception {
        Path bundle = DemoEngines.demoConfigFile().resolveSibling("../policies/bundle").normalize();
        String yaml = Files.readString(DemoEngines.demoConfigFile())
                .replace("bundle: ../policies/bundle", "bundle: " + bundle)
                // One more view in the file's own views: section.
                .replace("\nviews:\n",
                        "\nviews:\n  contacts:\n    sql: select id, email, national_id, region from sales.people\n");
        Path file = Files.createDirectories(SharedDemoDatabases.testWorkRoot().resolve("bypass-suite"))
                .resolve("sluice-with-view.yaml");
        Files.writeString(file, yaml);
        try (Engine engine = Engine.start(DemoEngines.asConfigured(SharedDemoDatabases.get(), file))) {
            Attempt ana = new Attempt("configured view", "ana", d -> "select id, email, national_id, region from contacts",
                    d -> List.of(), new Expect.Rows(d -> d.visible("ana").stream().map(p -> Demo.row(p.id(),
                    Demo.email(p.email()), Demo.redact(p.nationalId()), p.region())).toList(), false), false);
            check(ana, run(engine, ana, demo), demo);
            Attempt uma = new Attempt("configured view, other region", "uma",
                    d -> "select count(*) from contacts where region = 'EU'", d -> List.of(),
                    new Expect.Rows(d -> d.admin("select count(*) from sales.people where region = '"
                            + d.region("uma") + "' and region = 'EU'"), false), false);
            check(uma, run(engine, uma, demo), demo);
        }
    }

    /** One attempt in-process, the answer's values as text. */
    static Outcome run(Engine engine, Attempt attempt, Demo d) {
        String sql = attempt.sql().apply(d);
        List<Object> parameters = attempt.parameters().apply(d);
        SessionContext session = session(attempt.user());
        try (ResultCursor cursor = parameters.isEmpty() ? engine.execute(sql, session)
                : engine.execute(engine.plan(sql, session), parameters, session)) {
            List<List<String>> rows = new ArrayList<>();
            while (cursor.next()) {
                rows.add(Stream.of(cursor.row()).map(Demo::text).toList());
            }
            return new Outcome.Answer(rows);
        } catch (SluiceException e) {
            return new Outcome.Error(e.state().code(), e.getMessage());
        }
    }

    static void check(Attempt attempt, Outcome outcome, Demo d) {
        String sql = attempt.sql().apply(d);
        switch (attempt.expect()) {
            case Expect.Rows rows -> {
                assertThat(outcome).as("%s\n%s", sql, outcome).isInstanceOf(Outcome.Answer.class);
                List<List<String>> actual = ((Outcome.Answer) outcome).rows();
                List<List<String>> expected = rows.rows().apply(d);
                if (rows.ordered()) {
                    assertThat(actual).as(sql).containsExactlyElementsOf(expected);
                } else {
                    assertThat(sorted(actual)).as(sql).containsExactlyElementsOf(sorted(expected));
                }
            }
            case Expect.Denied denied -> {
                assertThat(outcome).as("%s\n%s", sql, outcome).isInstanceOf(Outcome.Error.class);
                Outcome.Error error = (Outcome.Error) outcome;
                assertThat(error.sqlState()).as(error.message()).isEqualTo("42501");
                assertThat(error.message()).contains(denied.fragments());
            }
            case Expect.Output output -> {
                assertThat(outcome).as("%s\n%s", sql, outcome).isInstanceOf(Outcome.Answer.class);
                String text = ((Outcome.Answer) outcome).rows().stream()
                        .map(r -> String.join(" ", r.stream().map(String::valueOf).toList()))
                        .collect(Collectors.joining("\n"));
                assertThat(text).as(sql).contains(output.present().apply(d));
                assertThat(output.absent().apply(d)).as("raw values in the output of %s", sql)
                        .noneMatch(text::contains);
            }
            case Expect.Fails fails -> {
                assertThat(outcome).as("%s\n%s", sql, outcome).isInstanceOf(Outcome.Error.class);
                String message = ((Outcome.Error) outcome).message();
                assertThat(fails.absent().apply(d)).as("raw values in the error of %s: %s", sql, message)
                        .noneMatch(message::contains);
            }
        }
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        Comparator<List<String>> byText = Comparator.comparing(r -> String.join("\u0001",
                r.stream().map(v -> v == null ? "\u0000" : v).toList()));
        return rows.stream().sorted(byText).toList();
    }
}
