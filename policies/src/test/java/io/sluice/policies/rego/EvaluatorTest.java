package io.sluice.policies.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  @Test
  void undefinedIsDistinctFromFalse() {
    CompiledPolicy p = Policies.compile("package x\np if input.a == 1\ndefault q := false\nq if input.a == 1\n");
    assertThat(Policies.value(p, "data.x.p", "{\"a\": 2}")).isEqualTo("undefined");
    assertThat(Policies.value(p, "data.x.q", "{\"a\": 2}")).isEqualTo("false");
    assertThat(p.evaluate("data.x.p", Optional.of(Policies.json("{\"a\": 2}"))).isUndefined()).isTrue();
  }

  @Test
  void completeRuleConflictIsAnEvalConflictError() {
    CompiledPolicy p = Policies.compile("package x\np := 1\np := 2\n");
    assertThatThrownBy(() -> Policies.value(p, "data.x.p"))
        .isInstanceOfSatisfying(RegoEvalException.class, e -> {
          assertThat(e.code()).isEqualTo("eval_conflict_error");
          assertThat(e.getMessage()).isEqualTo("p0.rego:3: eval_conflict_error: complete rules must not produce multiple outputs");
        });
  }

  @Test
  void functionWithSeveralDefinitionsAndConflictingOutputsFails() {
    CompiledPolicy p = Policies.compile("package x\nf(x) := 1 if x > 0\nf(x) := 2 if x > 1\nf(x) := 3 if x < 0\n");
    assertThat(Policies.value(p, "data.x.f(-1)")).isEqualTo("3");
    assertThatThrownBy(() -> Policies.value(p, "data.x.f(5)")).hasMessageContaining(
        "functions must not produce multiple outputs for same inputs");
  }

  @Test
  void partialSetsObjectsAndMultiLevelHeadsBuildDocuments() {
    CompiledPolicy p = Policies.compile("""
        package x
        s contains v if some v in input.xs
        o[k] := count(k) if some k in input.ys
        a.b[k].c := true if some k in input.ys
        """);
    String in = "{\"xs\": [2, 1, 2], \"ys\": [\"aa\", \"b\"]}";
    assertThat(Policies.value(p, "data.x.s", in)).isEqualTo("[1,2]");
    assertThat(Policies.value(p, "data.x.o", in)).isEqualTo("{\"aa\":2,\"b\":1}");
    assertThat(Policies.value(p, "data.x.a", in)).isEqualTo("{\"b\":{\"aa\":{\"c\":true},\"b\":{\"c\":true}}}");
  }

  @Test
  void elseChainsAndDefaultsApplyInOrder() {
    CompiledPolicy p = Policies.compile("""
        package x
        grade := "a" if input.n > 90
        else := "b" if input.n > 50
        else := "c"
        """);
    assertThat(Policies.value(p, "data.x.grade", "{\"n\": 95}")).isEqualTo("\"a\"");
    assertThat(Policies.value(p, "data.x.grade", "{\"n\": 60}")).isEqualTo("\"b\"");
    assertThat(Policies.value(p, "data.x.grade", "{\"n\": 1}")).isEqualTo("\"c\"");
  }

  @Test
  void withReplacesInputAndDataForOneStatement() {
    CompiledPolicy p = Policies.compileWithData("{\"limits\": {\"max\": 3}}", """
        package x
        ok if input.n <= data.limits.max
        t1 if ok with input as {"n": 2}
        t2 if not ok with input.n as 5
        t3 if ok with data.limits.max as 10 with input as {"n": 9}
        """);
    assertThat(Policies.value(p, "data.x.t1")).isEqualTo("true");
    assertThat(Policies.value(p, "data.x.t2")).isEqualTo("true");
    assertThat(Policies.value(p, "data.x.t3")).isEqualTo("true");
    assertThat(Policies.value(p, "data.x.ok", "{\"n\": 9}")).isEqualTo("undefined");
  }

  @Test
  void everyRequiresAllElementsAndNotNegates() {
    CompiledPolicy p = Policies.compile("""
        package x
        all_pos if every v in input.xs { v > 0 }
        none_neg if not any_neg
        any_neg if { some v in input.xs; v < 0 }
        """);
    assertThat(Policies.value(p, "data.x.all_pos", "{\"xs\": [1, 2]}")).isEqualTo("true");
    assertThat(Policies.value(p, "data.x.all_pos", "{\"xs\": [1, -2]}")).isEqualTo("undefined");
    assertThat(Policies.value(p, "data.x.none_neg", "{\"xs\": [1, 2]}")).isEqualTo("true");
  }

  @Test
  void comprehensionsAndReferencesWithVariablesIterate() {
    CompiledPolicy p = Policies.compile("""
        package x
        names := [u.name | some u in input.users; u.admin]
        by_name := {u.name: i | u := input.users[i]}
        ids := {id | input.users[_].id = id}
        """);
    String in = "{\"users\": [{\"name\": \"a\", \"admin\": true, \"id\": 1}, {\"name\": \"b\", \"admin\": false, \"id\": 2}]}";
    assertThat(Policies.value(p, "data.x.names", in)).isEqualTo("[\"a\"]");
    assertThat(Policies.value(p, "data.x.by_name", in)).isEqualTo("{\"a\":0,\"b\":1}");
    assertThat(Policies.value(p, "data.x.ids", in)).isEqualTo("[1,2]");
  }

  @Test
  void queryBindingsEnumerateSolutions() {
    CompiledPolicy p = Policies.compile("package x\ns := {\"a\", \"b\"}\n");
    assertThat(Policies.bindings(p, "data.x.s[v]")).extracting(b -> b.get("v").asText()).containsExactly("a", "b");
  }

  @Test
  void arithmeticIsExactAndSetOperatorsWork() {
    CompiledPolicy p = Policies.compile("package x\n");
    assertThat(Policies.value(p, "0.1 + 0.2")).isEqualTo("0.3");
    assertThat(Policies.value(p, "9223372036854775807 + 1")).isEqualTo("9223372036854775808");
    assertThat(Policies.value(p, "{1, 2} | {3}")).isEqualTo("[1,2,3]");
    assertThat(Policies.value(p, "{1, 2} & {2, 3}")).isEqualTo("[2]");
    assertThat(Policies.value(p, "{1, 2} - {2}")).isEqualTo("[1]");
  }

  @Test
  void builtinErrorsAreUndefinedUnlessStrict() {
    CompiledPolicy p = Policies.compile("package x\np := 1 / input.d\n");
    assertThat(Policies.value(p, "data.x.p", "{\"d\": 0}")).isEqualTo("undefined");
    assertThatThrownBy(() -> p.evaluate("data.x.p", Optional.of(Policies.json("{\"d\": 0}")),
        EvalOptions.defaults().withStrict(true)))
        .hasMessage("p0.rego:2: eval_builtin_error: div: divide by zero");
  }

  @Test
  void compiledPolicyIsSafeToEvaluateFromManyThreads() throws Exception {
    CompiledPolicy p = Policies.compile("package x\nsq := [y | some v in input.xs; y := v * v]\ntotal := sum(sq)\n");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(pool.submit(() -> Policies.value(p, "data.x.total", "{\"xs\": [" + n + ", 1]}")));
      }
      for (int i = 0; i < 200; i++) {
        assertThat(futures.get(i).get()).isEqualTo(String.valueOf(i * i + 1));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void evaluationPastItsDeadlineIsCancelled() {
    CompiledPolicy p = Policies.compile("package x\nn := numbers.range(1, 200)\nbig := count([1 | some a in n; some b in n; some c in n])\n");
    assertThatThrownBy(() -> p.evaluate("data.x.big", Optional.empty(),
        EvalOptions.defaults().withTimeout(java.time.Duration.ofMillis(5))))
        .isInstanceOfSatisfying(RegoEvalException.class, e -> assertThat(e.code()).isEqualTo("eval_cancel_error"));
  }

  @Test
  void functionCallsWithEqualObjectArgumentsAreEvaluatedOnce() {
    // memoised by argument value: two equal (not identical) column objects share one evaluation
    CompiledPolicy p = Policies.compile("""
        package x
        f(c) := n if {
          print("f", c.name)
          n := count(c.tags)
        }
        r := [f(c) | some c in input.columns]
        """);
    List<String> printed = new java.util.ArrayList<>();
    QueryResult r = p.evaluate("data.x.r", Optional.of(Policies.json("""
        {"columns": [{"name": "id", "tags": []}, {"name": "id", "tags": []},
                     {"name": "email", "tags": ["pii"]}, {"tags": ["pii"], "name": "email"}]}""")),
        EvalOptions.defaults().withPrinter(printed::add));
    assertThat(r.firstValue().orElseThrow().toString()).isEqualTo("[0,0,1,1]");
    assertThat(printed).containsExactly("f id", "f email");
  }

  @Test
  void sharedDataObjectsServeManyThreadsAtOnce() throws Exception {
    // data objects are shared by every evaluation: their cached hash (memo keys) and their
    // lazily built map view (object.keys) are first computed while threads race
    StringBuilder data = new StringBuilder("{\"cfg\": {");
    for (int i = 0; i < 40; i++) {
      data.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": {");
      for (int j = 0; j <= i % 12; j++) {
        data.append(j == 0 ? "" : ", ").append("\"f").append(j).append("\": ").append(j);
      }
      data.append('}');
    }
    data.append("}}");
    String module = "package x\nwidth(o) := count(object.keys(o))\nw := [width(data.cfg[k]) | some k in input.ks]\n";
    String input = "{\"ks\": [\"k3\", \"k11\", \"k12\", \"k39\", \"k3\"]}";
    String expected = Policies.value(Policies.compileWithData(data.toString(), module), "data.x.w", input);
    assertThat(expected).isEqualTo("[4,12,1,4,4]");
    for (int round = 0; round < 5; round++) {
      CompiledPolicy p = Policies.compileWithData(data.toString(), module);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
        for (int i = 0; i < 100; i++) {
          futures.add(pool.submit(() -> Policies.value(p, "data.x.w", input)));
        }
        for (var f : futures) {
          assertThat(f.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
