package io.sluice.policies.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompilerTest {
  @Test
  void unsafeVariableIsRejectedWithPosition() {
    assertThatThrownBy(() -> Policies.compile("package x\n\np if {\n  y > 1\n}\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessage("p0.rego:4: rego_unsafe_var_error: var y is unsafe");
  }

  @Test
  void unsafeHeadVariableIsRejected() {
    assertThatThrownBy(() -> Policies.compile("package x\np contains y if { true }\n"))
        .hasMessageContaining("var y is unsafe");
  }

  @Test
  void recursionIsRejectedWithTheCycle() {
    assertThatThrownBy(() -> Policies.compile("package x\np if q\nq if p\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessageContaining("rego_recursion_error")
        .hasMessageContaining("data.x.p -> data.x.q -> data.x.p");
  }

  @Test
  void undefinedFunctionIsATypeError() {
    assertThatThrownBy(() -> Policies.compile("package x\np if nope(1)\n"))
        .hasMessage("p0.rego:2: rego_type_error: undefined function nope");
  }

  @Test
  void reassigningAVariableIsACompileError() {
    assertThatThrownBy(() -> Policies.compile("package x\np if {\n x := 1\n x := 2\n}\n"))
        .hasMessageContaining("p0.rego:4: rego_compile_error: var x assigned above");
  }

  @Test
  void everyErrorOfABundleIsReported() {
    assertThatThrownBy(() -> Policies.compile("package x\np if a > 1\n", "package y\nq if b < 1\n"))
        .isInstanceOfSatisfying(RegoCompileException.class, e -> assertThat(e.errors()).hasSize(2));
  }

  @Test
  void bodiesAreReorderedByVariableDependencies() {
    CompiledPolicy p = Policies.compile("package x\np := y if {\n y == 2\n y := 1 + 1\n}\n");
    assertThat(Policies.value(p, "data.x.p")).isEqualTo("2");
  }

  @Test
  void builtinAppliedToConstantsOfTheWrongTypeIsATypeError() {
    assertThatThrownBy(() -> Policies.compile("package x\np := 1 + \"a\"\n"))
        .hasMessage("p0.rego:2: rego_type_error: plus: operand 2 must be number but got string");
  }

  private static final String RESOURCES =
      "{\"resources\":[{\"columns\":[{\"name\":\"a\"},{\"name\":\"b\"}]},{\"columns\":[]}]}";

  @Test
  void objectComprehensionInAnArrayComprehensionHeadBindsItsOwnVariables() {
    CompiledPolicy p = Policies.compile(
        "package test\np := [{c.name: m | some c in r.columns; m := 1} | some r in input.resources]\n");
    assertThat(Policies.value(p, "data.test.p", RESOURCES)).isEqualTo("[{\"a\":1,\"b\":1},{}]");
  }

  @Test
  void setAndArrayComprehensionsInAnArrayComprehensionHeadBindTheirOwnVariables() {
    CompiledPolicy p = Policies.compile("""
        package test
        s := [{n | some c in r.columns; n := c.name} | some r in input.resources]
        a := [[n | n := c.name; some c in r.columns] | some r in input.resources]
        """);
    assertThat(Policies.value(p, "data.test.s", RESOURCES)).isEqualTo("[[\"a\",\"b\"],[]]");
    assertThat(Policies.value(p, "data.test.a", RESOURCES)).isEqualTo("[[\"a\",\"b\"],[]]");
  }

  @Test
  void comprehensionInAComprehensionHeadSeesTheOuterBodyBindings() {
    CompiledPolicy p = Policies.compile("""
        package test
        p := {r.id: [[k, c.name] | some c in r.columns; k := r.id] | some r in input.resources}
        """);
    String input = "{\"resources\":[{\"id\":\"t\",\"columns\":[{\"name\":\"a\"}]},{\"id\":\"u\",\"columns\":[]}]}";
    assertThat(Policies.value(p, "data.test.p", input)).isEqualTo("{\"t\":[[\"t\",\"a\"]],\"u\":[]}");
  }

  @Test
  void unsafeVariableInANestedComprehensionHeadIsStillRejected() {
    assertThatThrownBy(() -> Policies.compile(
        "package test\np := [\n  {c.name: m | some c in r.columns}\n  | some r in input.resources]\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessage("p0.rego:3: rego_unsafe_var_error: var m is unsafe");
  }

  @Test
  void unboundOuterVariableUsedByANestedComprehensionHeadIsRejected() {
    assertThatThrownBy(() -> Policies.compile(
        "package test\np := [[c | some c in q.columns] | some r in input.resources]\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessage("p0.rego:2: rego_unsafe_var_error: var q is unsafe");
  }

  @Test
  void comprehensionInAnEveryBodySeesTheEveryVariables() {
    CompiledPolicy p = Policies.compile(
        "package test\np if { every x in input.xs { count([y | y := x; y > 1]) == 1 } }\n");
    assertThat(Policies.value(p, "data.test.p", "{\"xs\":[2,3]}")).isEqualTo("true");
    assertThat(Policies.value(p, "data.test.p", "{\"xs\":[1,3]}")).isEqualTo("undefined");
  }

  @Test
  void refIterationInAComprehensionHeadIsComputedByTheBody() {
    CompiledPolicy p = Policies.compile("package test\np := [r.columns[_].name | some r in input.resources]\n");
    assertThat(Policies.value(p, "data.test.p", RESOURCES)).isEqualTo("[\"a\",\"b\"]");
  }
}
