package io.sluice.gateway.cli;

import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.config.UserConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.session.SessionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice policy explain}: what the policy does to a statement for a user, without running it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Shows the decision for a user's statement: which rule added each row filter and mask,",
            "the columns it reads, and the SQL each source would receive. Touches no data."})
final class PolicyExplainCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "conf/sluice.yaml")
    Path config;

    @Option(names = {"-u", "--user"}, required = true, description = "A user from the configuration.")
    String user;

    @Parameters(paramLabel = "SQL", description = "The statement to explain.")
    String sql;

    @Override
    public Integer call() {
        SluiceConfig loaded = ConfigLoader.load(config);
        Optional<SessionContext> session = loaded.users().stream().filter(u -> u.name().equals(user)).findFirst()
                .map(u -> new SessionContext(u.name(), u.groups(), u.attributes()));
        if (session.isEmpty()) {
            System.err.println("sluice: no user '" + user + "' in " + config + "; known: "
                    + String.join(", ", loaded.users().stream().map(UserConfig::name).toList()));
            return 2;
        }
        try (Engine engine = Engine.start(ToolAudit.ownLog(loaded))) {
            List<String> lines = engine.explainPolicy(sql, session.get());
            lines.forEach(System.out::println);
            return lines.getFirst().startsWith("Decision: deny") ? 1 : 0;
        }
    }

}
