package io.sluice.policies.cli;

import io.sluice.policies.rego.Bundle;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.RegoException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy check}: compiles a bundle and reports every error, like {@code opa check}. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Compile the given policy paths and report every error, like `opa check`.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or directories.")
  List<Path> paths;

  @Option(names = {"-f", "--format"}, defaultValue = "pretty", description = "Output format: pretty (default) or json.")
  String format;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      RegoCompiler.compile(Bundle.loadAll(paths));
      return 0;
    } catch (RegoException e) {
      if (format.equals("json")) {
        ErrorOutput.json(out, e.errors());
      } else {
        ErrorOutput.text(out, e.errors());
      }
      return 1;
    } catch (RuntimeException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return 1;
    }
  }
}
