package io.sluice.policies.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCommandTest {
  @TempDir
  Path dir;

  private record Run(int exit, String out) { }

  private Run run(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(new PolicyCommand());
    cl.setOut(new PrintWriter(sw));
    cl.setErr(new PrintWriter(sw));
    int exit = cl.execute(args);
    return new Run(exit, sw.toString());
  }

  @Test
  void evalPrintsOpaJsonShapeWithBindings() throws Exception {
    Files.writeString(dir.resolve("t.rego"), "package test\np := 7\n");
    Run r = run("eval", "-d", dir.toString(), "data.test.p = x");
    assertThat(r.exit()).isZero();
    var json = io.sluice.policies.rego.value.Json.MAPPER.readTree(r.out());
    assertThat(json.at("/result/0/expressions/0/value").asBoolean()).isTrue();
    assertThat(json.at("/result/0/expressions/0/text").asText()).isEqualTo("data.test.p = x");
    assertThat(json.at("/result/0/bindings/x").asInt()).isEqualTo(7);
  }

  @Test
  void evalPrintsNothingWhenUndefined() throws Exception {
    Files.writeString(dir.resolve("t.rego"), "package test\np if input.x\n");
    Run r = run("eval", "-d", dir.toString(), "data.test.p");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void evalReportsErrorsInOpaShapeWithNonZeroExit() throws Exception {
    Files.writeString(dir.resolve("t.rego"), "package test\np if {\n  y\n}\n");
    Run r = run("eval", "-d", dir.toString(), "data.test.p");
    assertThat(r.exit()).isEqualTo(1);
    var json = io.sluice.policies.rego.value.Json.MAPPER.readTree(r.out());
    assertThat(json.at("/errors/0/code").asText()).isEqualTo("rego_unsafe_var_error");
    assertThat(json.at("/errors/0/location/row").asInt()).isEqualTo(3);
  }

  @Test
  void testRunsTestRulesAndFailsWhenOneFails() throws Exception {
    Files.writeString(dir.resolve("t_test.rego"), "package test\ntest_ok if true\ntest_bad if false\n");
    Run r = run("test", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("data.test.test_ok: PASS").contains("data.test.test_bad: FAIL")
        .contains("PASS: 1/2").contains("FAIL: 1/2");
  }

  @Test
  void checkReportsEveryError() throws Exception {
    Files.writeString(dir.resolve("a.rego"), "package a\np if x\n");
    Files.writeString(dir.resolve("b.rego"), "package b\nq if r\nr if q\n");
    Run r = run("check", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("2 errors occurred").contains("rego_unsafe_var_error").contains("rego_recursion_error");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run("eval", "--help").out()).contains("Usage: policy eval");
    assertThat(run("test", "--help").out()).contains("Usage: policy test");
    assertThat(run("check", "--help").out()).contains("Usage: policy check");
  }
}
