package io.sluice.gateway.cli;

import io.sluice.gateway.audit.AccessReview;
import io.sluice.gateway.audit.AuditEntry.Statement;
import io.sluice.gateway.audit.AuditException;
import io.sluice.gateway.audit.AuditKeys;
import io.sluice.gateway.audit.AuditRecord.Outcome;
import io.sluice.gateway.audit.AuditSearch;
import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.audit.AuditVerifier;
import io.sluice.gateway.audit.BundleGrants;
import io.sluice.gateway.audit.VerifyReport;
import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice audit verify|search|unused}. The audit directory is the DIR argument, or the one
 * the configuration names ({@code audit.dir}, by default {@code <work_dir>/audit}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Reads the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class, AuditCommand.Unused.class})
final class AuditCommand {
    /** Where the log is and which public key vouches for it. */
    static final class Location {
        @Option(names = {"-c", "--config"}, description = "Configuration naming the audit directory, used when DIR "
                + "is not given (default: ${DEFAULT-VALUE}).", defaultValue = "conf/sluice.yaml")
        Path config;

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "The audit directory.")
        Optional<Path> dir = Optional.empty();

        AuditSettings settings() {
            return dir.map(AuditSettings::defaults).orElseGet(() -> ConfigLoader.load(config).audit());
        }
    }

    private static int failed(AuditException e) {
        System.err.println("sluice: " + e.getMessage());
        return 2;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Proves the hash chain across all files and every checkpoint signature, and names the",
                "first broken record. Exit 0 when intact, 1 when broken, 2 when it cannot check."})
    static final class Verify implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location location;

        @Option(names = "--public-key", description = "The Ed25519 public key (PEM) to check signatures with; by "
                + "default the one exported beside the log. Prefer a copy kept elsewhere.")
        Optional<Path> publicKey = Optional.empty();

        @Override
        public Integer call() {
            try {
                AuditSettings settings = location.settings();
                AuditKeys key = AuditKeys.readPublicKey(publicKey.orElse(settings.publicKey()));
                VerifyReport report = AuditVerifier.verify(settings.directory(), key);
                print(settings.directory(), report, System.out);
                return report.ok() ? 0 : 1;
            } catch (AuditException e) {
                return failed(e);
            }
        }

        private static void print(Path dir, VerifyReport report, PrintStream out) {
            out.println("audit log " + dir + " (signing key " + report.keyId() + ")");
            out.printf("  %d file(s), %d line(s): %d statement(s), %d signed checkpoint(s)%n", report.files(),
                    report.lines(), report.statements(), report.checkpoints());
            report.notes().forEach(n -> out.println("  note: " + n));
            out.println(report.problem().map(p -> "BROKEN at " + p)
                    .orElse("OK: the hash chain and every signature check out"));
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Finds statements by user, table, column, outcome, time and text.")
    static final class Search implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location location;

        @Option(names = "--user", description = "Statements by this user.")
        Optional<String> user = Optional.empty();

        @Option(names = "--table", description = "That read this table: table, schema.table or source.schema.table.")
        Optional<String> table = Optional.empty();

        @Option(names = "--column", description = "That read this column (column or table.column).")
        Optional<String> column = Optional.empty();

        @Option(names = "--outcome", description = "ok, denied, failed or cancelled.")
        Optional<String> outcome = Optional.empty();

        @Option(names = "--since", description = "From this time: 2026-11-22, 2026-11-22T10:00:00Z, or 24h / 7d ago.")
        Optional<String> since = Optional.empty();

        @Option(names = "--until", description = "Before this time (same forms as --since).")
        Optional<String> until = Optional.empty();

        @Option(names = "--text", description = "Whose SQL or error contains this text (any case).")
        Optional<String> text = Optional.empty();

        @Option(names = "--format", description = "table or json (one record per line). Default: ${DEFAULT-VALUE}.",
                defaultValue = "table")
        String format;

        @Override
        public Integer call() {
            if (!format.equals("table") && !format.equals("json")) {
                System.err.println("sluice: --format must be table or json, not '" + format + "'");
                return 2;
            }
            Optional<Outcome> wanted = Optional.empty();
            if (outcome.isPresent()) {
                wanted = Outcome.fromWireName(outcome.get());
                if (wanted.isEmpty()) {
                    System.err.println("sluice: --outcome must be ok, denied, failed or cancelled, not '"
                            + outcome.get() + "'");
                    return 2;
                }
            }
            try {
                Instant now = Instant.now();
                AuditSearch search = new AuditSearch(location.settings().directory());
                List<Statement> found = search.find(new AuditSearch.Query(user, table, column, wanted,
                        since.map(s -> time(s, "--since", now)), until.map(s -> time(s, "--until", now)), text));
                if (format.equals("json")) {
                    AuditSearch.printJson(found, System.out);
                } else {
                    AuditSearch.printTable(found, System.out);
                }
                if (search.skipped() > 0) {
                    System.err.println("sluice: skipped " + search.skipped() + " unreadable line(s); run audit verify");
                }
                return 0;
            } catch (AuditException e) {
                return failed(e);
            }
        }
    }

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(m|h|d)");

    /** An instant, a UTC date, or an amount of time ago. */
    static Instant time(String text, String option, Instant now) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            return now.minus(switch (ago.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new AuditException(option + ": '" + text + "' is not a time; write 2026-11-22, "
                    + "2026-11-22T10:00:00Z, 24h or 7d");
        }
    }

    @Command(name = "unused", mixinStandardHelpOptions = true,
            description = {"Access review: the bundle's grants nobody exercised in the last N days, and the users",
                "who did not use their access. Grants come from the bundle's data.json: every 'grants' array,",
                "of objects {\"group\"|\"user\": NAME, \"source\": S, \"schema\": optional, \"table\": optional}.",
                "Users and their groups come from the configuration and from the log."})
    static final class Unused implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location location;

        @Option(names = "--days", required = true, description = "The window: the last N days.")
        int days;

        @Option(names = "--bundle", description = "The policy bundle directory (or its data.json). Default: "
                + "${DEFAULT-VALUE}.", defaultValue = "policies/bundle")
        Path bundle;

        @Override
        public Integer call() {
            if (days < 1) {
                System.err.println("sluice: --days must be at least 1");
                return 2;
            }
            try {
                Instant until = Instant.now();
                Instant since = until.minus(Duration.ofDays(days));
                List<AccessReview.Grant> grants = BundleGrants.read(bundle);
                List<Statement> statements = new AuditSearch(location.settings().directory()).statements();
                AccessReview.Result result = AccessReview.review(grants, configuredUsers(), statements, since, until);
                print(result, grants.size(), System.out);
                return 0;
            } catch (AuditException e) {
                return failed(e);
            }
        }

        private Map<String, List<String>> configuredUsers() {
            Map<String, List<String>> users = new LinkedHashMap<>();
            if (Files.exists(location.config)) {
                SluiceConfig config = ConfigLoader.load(location.config);
                for (UserConfig u : config.users()) {
                    users.put(u.name(), u.groups());
                }
            }
            return users;
        }

        private void print(AccessReview.Result result, int grantCount, PrintStream out) {
            out.println("access review " + result.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " .. "
                    + result.until().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (" + days + " days, "
                    + grantCount + " grants)");
            out.println("grants nobody used (" + result.unusedGrants().size() + "):");
            result.unusedGrants().forEach(g -> out.println("  " + g.principal() + "  " + g.scope()));
            out.println("users who did not use their access (" + result.idleUsers().size() + "):");
            result.idleUsers().forEach(u -> out.println("  " + u));
        }
    }
}
