package io.sluice.policies.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice policy}: evaluate queries, run policy tests and check bundles with the embedded
 * Rego engine. The gateway's CLI registers this as its {@code policy} subcommand.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Evaluate, test and check Rego policies with the embedded engine.",
    subcommands = {EvalCommand.class, TestCommand.class, CheckCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PolicyCommand()).execute(args));
  }
}
