package io.sluice.policies.rego.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node of the virtual document tree ({@code data.a.b}). Built once by the compiler and
 * never mutated afterwards, so evaluations may share it across threads.
 */
public final class RuleNode {
  private final List<String> path;
  private final Map<String, RuleNode> children = new TreeMap<>();
  // the same children hashed, for evaluation's look-ups by name; filled by freeze()
  private Map<String, RuleNode> byName = Map.of();
  private final List<CompiledRule> complete = new ArrayList<>();
  private final List<CompiledRule> contains = new ArrayList<>();
  private final List<CompiledRule> dynamic = new ArrayList<>();
  private final List<CompiledRule> functions = new ArrayList<>();
  private Optional<CompiledRule> defaultRule = Optional.empty();
  private final int id;

  RuleNode(List<String> path, int id) {
    this.path = List.copyOf(path);
    this.id = id;
  }

  public int id() {
    return id;
  }

  public List<String> path() {
    return path;
  }

  public Map<String, RuleNode> children() {
    return Collections.unmodifiableMap(children);
  }

  public List<CompiledRule> complete() {
    return complete;
  }

  public List<CompiledRule> contains() {
    return contains;
  }

  public List<CompiledRule> dynamic() {
    return dynamic;
  }

  public List<CompiledRule> functions() {
    return functions;
  }

  public Optional<CompiledRule> defaultRule() {
    return defaultRule;
  }

  private boolean ruleLeaf;
  private boolean function;
  private int arity = -1;

  /** Number of parameters when this node is a function, else -1. */
  public int functionArity() {
    return arity;
  }

  /** Computes the kind flags once the tree is complete; evaluation reads them constantly. */
  void freeze() {
    boolean defaultFn = defaultRule.filter(d -> d.rule().head() instanceof io.sluice.policies.rego.ast.Head.Function)
        .isPresent();
    ruleLeaf = !complete.isEmpty() || !contains.isEmpty() || (defaultRule.isPresent() && !defaultFn);
    function = (!functions.isEmpty() || defaultFn) && complete.isEmpty() && contains.isEmpty();
    if (function) {
      CompiledRule any = functions.isEmpty() ? defaultRule.orElseThrow() : functions.get(0);
      arity = ((io.sluice.policies.rego.ast.Head.Function) any.rule().head()).args().size();
    }
    byName = new java.util.HashMap<>(children);
    children.values().forEach(RuleNode::freeze);
  }

  /** True when a value-producing rule is defined exactly at this path. */
  public boolean isRuleLeaf() {
    return ruleLeaf;
  }

  public boolean isFunction() {
    return function;
  }

  private final java.util.concurrent.ConcurrentHashMap<String, Optional<RuleNode>> lookups =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Finds the node of a dotted name ({@code data.a.b}) below this node; memoised, thread-safe. */
  public Optional<RuleNode> lookup(String dotted) {
    Optional<RuleNode> r = lookups.get(dotted);
    if (r != null) {
      return r;
    }
    String[] parts = dotted.split("\\.");
    RuleNode n = this;
    for (int i = 1; i < parts.length && n != null; i++) {
      n = n.children.get(parts[i]);
    }
    r = Optional.ofNullable(n);
    if (lookups.size() < 100_000) {
      lookups.put(dotted, r);
    }
    return r;
  }

  public Optional<RuleNode> child(String key) {
    return Optional.ofNullable(byName.get(key));
  }

  public String name() {
    return "data." + String.join(".", path);
  }

  RuleNode childOrCreate(String key, java.util.function.IntSupplier ids) {
    return children.computeIfAbsent(key, k -> {
      List<String> p = new ArrayList<>(path);
      p.add(k);
      return new RuleNode(p, ids.getAsInt());
    });
  }

  void setDefault(CompiledRule r) {
    defaultRule = Optional.of(r);
  }

  /** All rules placed on this node, for dependency analysis. */
  public List<CompiledRule> allRules() {
    List<CompiledRule> all = new ArrayList<>(complete);
    all.addAll(contains);
    all.addAll(dynamic);
    all.addAll(functions);
    defaultRule.ifPresent(all::add);
    return all;
  }
}
