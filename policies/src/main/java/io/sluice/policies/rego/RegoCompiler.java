package io.sluice.policies.rego;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.ast.Module;
import io.sluice.policies.rego.compiler.Compiler;
import io.sluice.policies.rego.parser.Parser;
import io.sluice.policies.rego.value.Json;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point: parses and compiles Rego modules plus base data into a {@link CompiledPolicy}.
 * All parse and compile errors are collected and thrown together.
 */
public final class RegoCompiler {
  private RegoCompiler() {}

  /** Compiles {@code file name -> source} modules with JSON base data. */
  public static CompiledPolicy compile(Map<String, String> modules, JsonNode data) {
    return compile(modules, Json.fromJson(data));
  }

  public static CompiledPolicy compile(Map<String, String> modules, Value data) {
    List<Module> parsed = new ArrayList<>();
    List<RegoError> errors = new ArrayList<>();
    for (Map.Entry<String, String> e : modules.entrySet()) {
      try {
        parsed.add(Parser.parseModule(e.getKey(), e.getValue()));
      } catch (RegoCompileException ex) {
        errors.addAll(ex.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new RegoCompileException(errors);
    }
    Compiler.Result r = Compiler.compile(parsed);
    if (!r.errors().isEmpty()) {
      throw new RegoCompileException(r.errors());
    }
    return new CompiledPolicy(r.root(), data, parsed, r.functionArity());
  }

  public static CompiledPolicy compile(Bundle bundle) {
    return compile(bundle.modules(), bundle.data());
  }
}
