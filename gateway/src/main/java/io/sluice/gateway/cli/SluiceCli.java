package io.sluice.gateway.cli;

import io.sluice.gateway.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scripts/sluice}: the one command-line entry point. Every subcommand has {@code --help}.
 * Errors a user can fix (bad configuration, a source that is down) print one line, never a
 * stack trace.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Sluice: one SQL statement over many databases and files, with policies and audit.",
        subcommands = {SqlCommand.class, ServeCommand.class, DemoCommand.class, UserCommand.class,
            io.sluice.policies.cli.PolicyCommand.class, AuditCommand.class,
            CommandLine.HelpCommand.class})
public final class SluiceCli {
    private SluiceCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SluiceCli());
        // The policy commands live in the policies module; explain needs the engine, so it joins here.
        cli.getSubcommands().get("policy").addSubcommand("explain", new PolicyExplainCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = switch (e) {
                case ConfigException config -> "configuration error: " + config.getMessage();
                case io.sluice.connectors.ConnectorException connector -> connector.getMessage();
                case io.sluice.gateway.error.SluiceException sluice -> sluice.getMessage();
                default -> e.getClass().getSimpleName() + ": " + e.getMessage();
            };
            commandLine.getErr().println("sluice: " + message);
            return 2;
        });
        return cli.execute(args);
    }
}
