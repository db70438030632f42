package io.sluice.policies.rego;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
  @TempDir
  Path dir;

  @Test
  void dataFilesAreMergedUnderTheirDirectoryPath() throws Exception {
    Files.createDirectories(dir.resolve("roles/admins"));
    Files.writeString(dir.resolve("data.json"), "{\"top\": 1}");
    Files.writeString(dir.resolve("roles/admins/data.yaml"), "names: [ana]\n");
    Files.writeString(dir.resolve("policy.rego"), "package p\nallow if input.user in data.roles.admins.names\n");
    Files.writeString(dir.resolve("policy_test.rego"), "package p\ntest_allow if allow with input.user as \"ana\"\n");
    Bundle b = Bundle.load(dir);
    assertThat(b.modules()).hasSize(2);
    CompiledPolicy p = RegoCompiler.compile(b);
    assertThat(Policies.value(p, "data.top")).isEqualTo("1");
    assertThat(Policies.value(p, "data.p.allow", "{\"user\": \"ana\"}")).isEqualTo("true");
    assertThat(p.testRules()).containsExactly("data.p.test_allow");
  }

  @Test
  void aBundleThatFailsToCompileIsRejectedAndThePreviousOneStaysActive() throws Exception {
    Files.writeString(dir.resolve("policy.rego"), "package p\nallow := true\n");
    ActivePolicy active = new ActivePolicy();
    assertThat(active.load(dir)).isInstanceOf(ActivePolicy.Accepted.class);
    String revision = active.current().orElseThrow().revision();

    Files.writeString(dir.resolve("policy.rego"), "package p\nallow if { x }\n");
    ActivePolicy.Outcome o = active.load(dir);
    assertThat(o).isInstanceOfSatisfying(ActivePolicy.Rejected.class, r -> {
      assertThat(r.errors()).extracting(RegoError::code).containsExactly("rego_unsafe_var_error");
      assertThat(r.stillActive()).contains(revision);
    });
    assertThat(active.current().orElseThrow().revision()).isEqualTo(revision);
    assertThat(active.current().orElseThrow().policy().evaluate("data.p.allow", Optional.empty()).firstValue()
        .orElseThrow().asBoolean()).isTrue();
  }
}
