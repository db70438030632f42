package io.sluice.policies.cli;

import io.sluice.policies.rego.Bundle;
import io.sluice.policies.rego.CompiledPolicy;
import io.sluice.policies.rego.EvalOptions;
import io.sluice.policies.rego.QueryResult;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.RegoException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy test}: runs every {@code test_*} rule like {@code opa test}. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run the test_ rules of the given policy paths, like `opa test`.")
final class TestCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or directories.")
  List<Path> paths;

  @Option(names = {"-r", "--run"}, description = "Only run tests whose name matches this regular expression.")
  Optional<String> run = Optional.empty();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Outcome of one test rule. */
  enum Outcome { PASS, FAIL, ERROR }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CompiledPolicy policy;
    try {
      policy = RegoCompiler.compile(Bundle.loadAll(paths));
    } catch (RegoException e) {
      ErrorOutput.text(out, e.errors());
      return 1;
    } catch (RuntimeException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return 1;
    }
    int pass = 0;
    int fail = 0;
    int error = 0;
    java.util.regex.Pattern filter = java.util.regex.Pattern.compile(run.orElse(".*"));
    for (String test : policy.testRules()) {
      if (!filter.matcher(test).find()) {
        continue;
      }
      long start = System.nanoTime();
      Outcome o;
      String detail = "";
      try {
        QueryResult r = policy.evaluate(test, Optional.empty(), EvalOptions.defaults().withPrinter(out::println));
        boolean ok = r.firstValue().map(v -> !(v.isBoolean() && !v.booleanValue())).orElse(false);
        o = ok ? Outcome.PASS : Outcome.FAIL;
      } catch (RegoException e) {
        o = Outcome.ERROR;
        detail = "\n  " + e.getMessage();
      }
      String took = String.format("%.3fms", (System.nanoTime() - start) / 1e6);
      out.println(test + ": " + o + " (" + took + ")" + detail);
      switch (o) {
        case PASS -> pass++;
        case FAIL -> fail++;
        case ERROR -> error++;
      }
    }
    int total = pass + fail + error;
    out.println("-".repeat(80));
    if (pass > 0) {
      out.println("PASS: " + pass + "/" + total);
    }
    if (fail > 0) {
      out.println("FAIL: " + fail + "/" + total);
    }
    if (error > 0) {
      out.println("ERROR: " + error + "/" + total);
    }
    if (total == 0) {
      out.println("no tests found");
    }
    out.flush();
    return fail + error > 0 ? 1 : 0;
  }
}
