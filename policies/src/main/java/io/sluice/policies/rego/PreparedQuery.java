package io.sluice.policies.rego;

import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.builtins.BuiltinContext;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.eval.Evaluator;
import io.sluice.policies.rego.value.Json;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A query compiled against a policy; immutable and reusable from many threads. */
public final class PreparedQuery {
  private final RuleNode root;
  private final Value data;
  private final List<Literal> body;
  private final List<String> vars;
  private final List<String> texts;
  private final List<SourcePos> positions;
  private final boolean checkCapture;

  PreparedQuery(RuleNode root, Value data, List<Literal> body, List<String> vars, List<String> texts,
      List<SourcePos> positions, boolean checkCapture) {
    this.root = root;
    this.data = data;
    this.body = List.copyOf(body);
    this.vars = List.copyOf(vars);
    this.texts = List.copyOf(texts);
    this.positions = List.copyOf(positions);
    this.checkCapture = checkCapture;
  }

  /** One solution in Rego values: bindings and per-expression values (in source order). */
  public record ValueSolution(Map<String, Value> bindings, List<Value> expressionValues) {
    public ValueSolution {
      bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
      expressionValues = java.util.Collections.unmodifiableList(new ArrayList<>(expressionValues));
    }
  }

  public List<String> variables() {
    return vars;
  }

  /** Evaluates with Rego values; throws {@link RegoEvalException} on conflicts or strict built-in errors. */
  public List<ValueSolution> executeValues(Optional<Value> input, EvalOptions options) {
    long now = options.nowNanos() >= 0 ? options.nowNanos() : currentNanos();
    Evaluator ev = new Evaluator(root, data, input, options.strictBuiltinErrors(),
        new BuiltinContext(now, options.printer()));
    if (!options.timeout().isZero()) {
      ev.deadline(System.nanoTime() + options.timeout().toNanos());
    }
    List<ValueSolution> out = new ArrayList<>();
    ev.query(body, vars, checkCapture, (b, exprs) -> out.add(new ValueSolution(b, reorderToSource(exprs))));
    return out;
  }

  private List<Value> reorderToSource(List<Value> exprs) {
    List<Value> out = new ArrayList<>();
    for (Value v : exprs) {
      out.add(v == null ? Value.TRUE : v);
    }
    return out;
  }

  /** Evaluates with JSON input and returns OPA-shaped results. */
  public QueryResult execute(Optional<com.fasterxml.jackson.databind.JsonNode> input, EvalOptions options) {
    List<QueryResult.Solution> sols = new ArrayList<>();
    for (ValueSolution s : executeValues(input.map(Json::fromJson), options)) {
      List<QueryResult.ExpressionValue> exprs = new ArrayList<>();
      for (int i = 0; i < body.size(); i++) {
        Value v = findValueFor(i, s.expressionValues());
        exprs.add(new QueryResult.ExpressionValue(Json.toJson(v), texts.get(i), positions.get(i)));
      }
      Map<String, com.fasterxml.jackson.databind.JsonNode> b = new java.util.LinkedHashMap<>();
      s.bindings().forEach((k, v) -> b.put(k, Json.toJson(v)));
      sols.add(new QueryResult.Solution(exprs, b));
    }
    return new QueryResult(sols);
  }

  private Value findValueFor(int sourceIndex, List<Value> values) {
    // the compiled body may be reordered; map back by literal position
    SourcePos want = positions.get(sourceIndex);
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).pos().equals(want)) {
        return values.get(i);
      }
    }
    return Value.TRUE;
  }

  private static long currentNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
