package io.sluice.policies.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.CompiledPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {
  private final CompiledPolicy policy = DecisionFixture.policy();

  // latency is measured by DecisionBenchmark (JMH), not by a timed unit test
  @Test
  void benchmarkDecisionDeniesTablesWithoutGrantAndMasksTaggedColumns() {
    JsonNode d = policy.evaluate("data.sluice.decision", Optional.of(DecisionFixture.input())).firstValue().orElseThrow();
    assertThat(d.get("allow").asBoolean()).isFalse();
    assertThat(d.get("reasons").toString()).contains("no grant for finance.archive.orders_2020");
    JsonNode orders = d.get("tables").get("sales.public.orders");
    assertThat(orders.get("row_filters").get(0).get("rule").asText()).isEqualTo("eu_only");
    assertThat(orders.get("column_masks").get("col_0").get("mask").asText()).isEqualTo("show_last_4");
    assertThat(orders.get("column_masks").get("col_7").get("mask").asText()).isEqualTo("email_domain");
    assertThat(orders.get("denied_columns").get("col_13").asText()).isEqualTo("col_13 is restricted to hr");
    assertThat(d.get("tables").size()).isEqualTo(10);
  }
}
