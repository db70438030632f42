package io.sluice.policies.rego.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.policies.rego.CompiledPolicy;
import io.sluice.policies.rego.EvalOptions;
import io.sluice.policies.rego.PreparedQuery;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.RegoException;
import io.sluice.policies.rego.value.Json;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Runs one conformance case the way OPA's own runner does and explains a failure. */
final class ConformanceRunner {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private ConformanceRunner() {}

  /** Empty when the case passed, otherwise why it failed. */
  static Optional<String> run(ConformanceCase c) {
    Map<String, String> modules = new LinkedHashMap<>();
    for (int i = 0; i < c.modules().size(); i++) {
      modules.put("test-" + i + ".rego", c.modules().get(i));
    }
    try {
      Value data = c.data().map(Json::fromJson).orElse(Value.EMPTY_OBJECT);
      if (!(data instanceof Value.Obj)) {
        data = Value.EMPTY_OBJECT;
      }
      CompiledPolicy policy = RegoCompiler.compile(modules, data);
      Optional<Value> input = c.input().map(Json::fromJson);
      if (c.inputTerm().isPresent()) {
        CompiledPolicy empty = RegoCompiler.compile(Map.of(), Value.EMPTY_OBJECT);
        input = empty.prepare("__input__ = " + c.inputTerm().get())
            .executeValues(Optional.empty(), EvalOptions.defaults()).stream()
            .findFirst().map(s -> s.bindings().get("__input__"));
      }
      PreparedQuery q = policy.prepare(c.query());
      List<PreparedQuery.ValueSolution> sols = q.executeValues(input,
          EvalOptions.defaults().withStrict(c.strictError()).withPrinter(s -> { }).withNow(-1));
      if (c.wantsError()) {
        return Optional.of("expected error " + c.wantErrorCode().orElse("") + " " + c.wantError().orElse("")
            + " but got " + sols.size() + " results");
      }
      return compare(c, sols);
    } catch (RegoException e) {
      if (!c.wantsError()) {
        return Optional.of("unexpected error: " + e.getMessage());
      }
      String text = e.getMessage();
      boolean codeOk = c.wantErrorCode().map(code -> e.errors().stream().anyMatch(x -> x.code().equals(code)))
          .orElse(true);
      boolean msgOk = c.wantError().map(text::contains).orElse(true);
      return codeOk && msgOk ? Optional.empty()
          : Optional.of("wrong error: got " + text + ", want " + c.wantErrorCode().orElse("") + " "
              + c.wantError().orElse(""));
    } catch (StackOverflowError e) {
      return Optional.of("stack overflow");
    }
  }

  private static Optional<String> compare(ConformanceCase c, List<PreparedQuery.ValueSolution> sols) {
    if (c.wantResult().isEmpty()) {
      return Optional.empty();
    }
    List<Value> want = new ArrayList<>();
    c.wantResult().get().forEach(n -> want.add(Json.fromJson(n)));
    List<Value> got = new ArrayList<>();
    for (PreparedQuery.ValueSolution s : sols) {
      TreeMap<Value, Value> m = new TreeMap<>();
      s.bindings().forEach((k, v) -> m.put(Value.str(k), Json.fromJson(Json.toJson(v))));
      got.add(new Value.Obj(m));
    }
    if (c.sortBindings()) {
      want.sort(Comparator.naturalOrder());
      got.sort(Comparator.naturalOrder());
    }
    if (!want.equals(got)) {
      return Optional.of("want " + want + "\n      got  " + got);
    }
    return Optional.empty();
  }
}
