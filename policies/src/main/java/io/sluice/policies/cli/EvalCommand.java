package io.sluice.policies.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.Bundle;
import io.sluice.policies.rego.CompiledPolicy;
import io.sluice.policies.rego.EvalOptions;
import io.sluice.policies.rego.QueryResult;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.RegoException;
import io.sluice.policies.rego.value.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy eval}: like {@code opa eval --format json}; prints nothing when undefined. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a Rego query and print the result like `opa eval --format json`.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = {"-d", "--data"}, description = "Policy or data file or directory (repeatable).")
  List<Path> data = new ArrayList<>();

  @Option(names = {"-i", "--input"}, description = "Input document (JSON or YAML file).")
  Optional<Path> input = Optional.empty();

  @Option(names = {"-f", "--format"}, defaultValue = "json", description = "Output format: json (default) or raw.")
  String format;

  @Option(names = "--strict-builtin-errors", description = "Treat built-in function errors as fatal.")
  boolean strict;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. data.sluice.decision")
  String query;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      CompiledPolicy policy = RegoCompiler.compile(Bundle.loadAll(data));
      Optional<JsonNode> in = Optional.empty();
      if (input.isPresent()) {
        in = Optional.of(readInput(input.get()));
      }
      QueryResult r = policy.evaluate(query, in, EvalOptions.defaults().withStrict(strict));
      if (r.isUndefined()) {
        return 0;
      }
      if (format.equals("raw")) {
        for (QueryResult.Solution s : r.solutions()) {
          for (QueryResult.ExpressionValue e : s.expressions()) {
            out.println(e.value().isTextual() ? e.value().asText() : Pretty.write(e.value()));
          }
        }
      } else {
        out.println(Pretty.write(r.toOpaJson()));
      }
      out.flush();
      return 0;
    } catch (RegoException e) {
      ErrorOutput.json(out, e.errors());
      return 1;
    } catch (IOException | RuntimeException e) {
      ErrorOutput.json(out, List.of(new io.sluice.policies.rego.RegoError("rego_load_error",
          String.valueOf(e.getMessage()), io.sluice.policies.rego.SourcePos.NONE)));
      return 1;
    }
  }

  static JsonNode readInput(Path p) throws IOException {
    String name = p.getFileName().toString();
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readTree(p.toFile());
    }
    return Json.MAPPER.readTree(p.toFile());
  }
}
