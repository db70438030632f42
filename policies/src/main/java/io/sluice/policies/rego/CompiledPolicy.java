package io.sluice.policies.rego;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Module;
import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.compiler.Compiler;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.parser.Parser;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable compiled bundle: rule tree plus base data. Thread-safe; prepared queries are
 * cached so that a decision query is parsed and ordered once.
 */
public final class CompiledPolicy {
  private final RuleNode root;
  private final Value data;
  private final List<Module> modules;
  private final Map<String, Integer> functionArity;
  private final Map<String, PreparedQuery> prepared = new ConcurrentHashMap<>();

  CompiledPolicy(RuleNode root, Value data, List<Module> modules, Map<String, Integer> functionArity) {
    this.root = java.util.Objects.requireNonNull(root, "root is null");
    this.data = java.util.Objects.requireNonNull(data, "data is null");
    this.modules = List.copyOf(modules);
    this.functionArity = Map.copyOf(functionArity);
  }

  public List<Module> modules() {
    return modules;
  }

  public Value data() {
    return data;
  }

  /** Parses and compiles a query such as {@code data.sluice.decision} or {@code data.test.p = x}. */
  public PreparedQuery prepare(String query) {
    PreparedQuery q = prepared.get(query);
    if (q != null) {
      return q;
    }
    q = compileQuery(query);
    if (prepared.size() < 1000) {
      prepared.put(query, q);
    }
    return q;
  }

  private PreparedQuery compileQuery(String query) {
    List<Literal> parsed = Parser.parseQuery("query", query);
    List<RegoError> errors = new ArrayList<>();
    Compiler.CompiledQuery cq = Compiler.compileQuery(parsed, functionArity, errors);
    if (!errors.isEmpty()) {
      throw new RegoCompileException(errors);
    }
    List<String> texts = new ArrayList<>();
    List<SourcePos> positions = new ArrayList<>();
    String[] lines = query.split("\n", -1);
    for (int i = 0; i < parsed.size(); i++) {
      SourcePos start = parsed.get(i).pos();
      positions.add(start);
      int from = offset(lines, start);
      int to = i + 1 < parsed.size() ? offset(lines, parsed.get(i + 1).pos()) : query.length();
      String t = query.substring(Math.min(from, query.length()), Math.min(Math.max(to, from), query.length())).strip();
      if (t.endsWith(";")) {
        t = t.substring(0, t.length() - 1).strip();
      }
      texts.add(t);
    }
    return new PreparedQuery(root, data, cq.body(), cq.vars(), texts, positions, cq.checkCapture());
  }

  private static int offset(String[] lines, SourcePos pos) {
    int off = 0;
    for (int i = 0; i < pos.line() - 1 && i < lines.length; i++) {
      off += lines[i].length() + 1;
    }
    return off + pos.col() - 1;
  }

  /** Evaluates a query with JSON input (empty = no input document). */
  public QueryResult evaluate(String query, Optional<JsonNode> input) {
    return prepare(query).execute(input, EvalOptions.defaults());
  }

  public QueryResult evaluate(String query, JsonNode input) {
    return evaluate(query, Optional.of(input));
  }

  public QueryResult evaluate(String query, Optional<JsonNode> input, EvalOptions options) {
    return prepare(query).execute(input, options);
  }

  /** Names ({@code data.pkg.test_x}) of all test rules, in module order. */
  public List<String> testRules() {
    List<String> out = new ArrayList<>();
    for (Module m : modules) {
      for (Rule r : m.rules()) {
        if (r.head().ref().size() == 1 && r.head() instanceof io.sluice.policies.rego.ast.Head.Single) {
          String name = io.sluice.policies.rego.ast.Head.name(r.head().ref().get(0)).orElse("");
          String full = "data." + String.join(".", m.pkg()) + "." + name;
          if (name.startsWith("test_") && !out.contains(full)) {
            out.add(full);
          }
        }
      }
    }
    return out;
  }
}
