package io.sluice.gateway.wire.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SessionContext;
import io.sluice.gateway.wire.TransactionStatus;
import io.sluice.gateway.wire.message.BackendMessage.ParameterStatus;
import io.sluice.gateway.wire.server.SessionCommand.Begin;
import io.sluice.gateway.wire.server.SessionCommand.Commit;
import io.sluice.gateway.wire.server.SessionCommand.Rollback;
import io.sluice.gateway.wire.server.SessionCommand.Set;
import io.sluice.gateway.wire.server.SessionCommand.Show;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCommandTest {
    private static Optional<SessionCommand> parse(String sql) {
        return SessionCommand.parse(sql);
    }

    @Test
    void recognisesSessionCommands() {
        assertThat(parse("BEGIN")).containsInstanceOf(Begin.class);
        assertThat(parse("begin transaction isolation level read committed")).containsInstanceOf(Begin.class);
        assertThat(parse("START TRANSACTION READ ONLY")).containsInstanceOf(Begin.class);
        assertThat(parse("COMMIT;")).containsInstanceOf(Commit.class);
        assertThat(parse("END")).containsInstanceOf(Commit.class);
        assertThat(parse("ROLLBACK")).containsInstanceOf(Rollback.class);
        assertThat(parse("ROLLBACK TO SAVEPOINT s1")).containsInstanceOf(SessionCommand.RollbackToSavepoint.class);
        assertThat(parse("SET application_name = 'PostgreSQL JDBC Driver'")).contains(new Set("application_name", Optional.of("PostgreSQL JDBC Driver")));
        assertThat(parse("SET search_path TO sales, public")).contains(new Set("search_path", Optional.of("sales, public")));
        assertThat(parse("SET TIME ZONE 'Europe/Paris'")).contains(new Set("TimeZone", Optional.of("Europe/Paris")));
        assertThat(parse("SET SESSION extra_float_digits = 3")).contains(new Set("extra_float_digits", Optional.of("3")));
        assertThat(parse("set datestyle to default")).contains(new Set("datestyle", Optional.empty()));
        assertThat(parse("SET my.custom = on")).contains(new Set("my.custom", Optional.of("on")));
        assertThat(parse("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")).containsInstanceOf(SessionCommand.NoOp.class);
        assertThat(parse("SHOW TRANSACTION ISOLATION LEVEL")).contains(new Show("transaction_isolation"));
        assertThat(parse("show server_version")).contains(new Show("server_version"));
        assertThat(parse("DISCARD ALL")).contains(new SessionCommand.Discard(true));
        assertThat(parse("RESET ALL")).containsInstanceOf(SessionCommand.ResetAll.class);
        assertThat(parse("SELECT 1")).isEmpty();
        assertThat(parse("SET")).isEmpty();
        assertThat(parse("SHOW")).isEmpty();
        assertThat(parse("COMMIT PREPARED 'x'")).isEmpty();
    }

    @Test
    void runsAgainstTheSessionContext() {
        SessionContext ctx = new SessionContext("ana", "shop", Map.of("user", "ana", "application_name", "psql", "TimeZone", "UTC"),
                new InetSocketAddress("127.0.0.1", 1), false, 1);
        LocalResult set = SessionCommands.execute(parse("SET application_name = 'x'").orElseThrow(), ctx);
        assertThat(set.tag()).isEqualTo("SET");
        assertThat(set.messages()).containsExactly(new ParameterStatus("application_name", "x"));
        LocalResult reset = SessionCommands.execute(parse("RESET application_name").orElseThrow(), ctx);
        assertThat(reset.messages()).containsExactly(new ParameterStatus("application_name", "psql"));
        LocalResult show = SessionCommands.execute(parse("SHOW datestyle").orElseThrow(), ctx);
        assertThat(show.columns().getFirst().name()).isEqualTo("DateStyle");
        assertThat(show.rows().getFirst()).containsExactly("ISO, MDY");
        assertThat(SessionCommands.execute(parse("BEGIN").orElseThrow(), ctx).tag()).isEqualTo("BEGIN");
        assertThat(ctx.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThat(SessionCommands.execute(parse("BEGIN").orElseThrow(), ctx).messages()).hasSize(1); // warning
        ctx.transactionStatus(TransactionStatus.FAILED);
        assertThat(SessionCommands.execute(parse("COMMIT").orElseThrow(), ctx).tag()).isEqualTo("ROLLBACK");
        assertThat(ctx.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThatThrownBy(() -> SessionCommands.execute(parse("SET server_version = '1'").orElseThrow(), ctx))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("55P02"));
        assertThatThrownBy(() -> SessionCommands.execute(parse("SET TimeZone = 'Mars/Olympus'").orElseThrow(), ctx))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
        assertThatThrownBy(() -> SessionCommands.execute(parse("SET client_encoding = 'LATIN1'").orElseThrow(), ctx))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> SessionCommands.execute(parse("SAVEPOINT a").orElseThrow(), ctx))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("25P01"));
    }

    @Test
    void startupOptionsAndZone() {
        SessionContext ctx = new SessionContext("ana", "shop",
                Map.of("user", "ana", "options", "-c search_path=sales -c statement_timeout=5s --DateStyle=ISO", "TimeZone", "Europe/Paris"),
                new InetSocketAddress("127.0.0.1", 1), false, 1);
        assertThat(ctx.parameter("search_path")).contains("sales");
        assertThat(ctx.parameter("statement_timeout")).contains("5s");
        assertThat(ctx.zone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        SessionCommands.execute(parse("SET search_path = other").orElseThrow(), ctx);
        SessionCommands.execute(parse("RESET search_path").orElseThrow(), ctx);
        assertThat(ctx.parameter("search_path")).contains("sales");
    }

    @Test
    void copyCommands() {
        CopyCommand csv = CopyCommand.parse("COPY (SELECT a, ')' FROM t) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')").orElseThrow();
        assertThat(csv.query()).isEqualTo("SELECT a, ')' FROM t");
        assertThat(csv.csv()).isTrue();
        assertThat(csv.header()).isTrue();
        assertThat(csv.delimiter()).isEqualTo(';');
        assertThat(new String(csv.line(new String[] {"a;b", null, "say \"hi\"", "plain"})))
                .isEqualTo("\"a;b\";;\"say \"\"hi\"\"\";plain\n");
        CopyCommand legacy = CopyCommand.parse("copy t (a, b) to stdout with csv header").orElseThrow();
        assertThat(legacy.query()).isEqualTo("SELECT a, b FROM t");
        assertThat(legacy.csv()).isTrue();
        assertThat(legacy.header()).isTrue();
        CopyCommand text = CopyCommand.parse("COPY ( SELECT 1 ) TO STDOUT").orElseThrow();
        assertThat(new String(text.line(new String[] {"a\tb\\c\n", null}))).isEqualTo("a\\tb\\\\c\\n\t\\N\n");
        assertThat(CopyCommand.parse("SELECT 1")).isEmpty();
        assertThatThrownBy(() -> CopyCommand.parse("COPY t FROM STDIN")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> CopyCommand.parse("COPY t TO '/etc/passwd'")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> CopyCommand.parse("COPY (SELECT 1) TO STDOUT (FORMAT binary)")).isInstanceOf(PgException.class);
    }
}
