package io.sluice.policies.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.EvalOptions;
import io.sluice.policies.rego.PreparedQuery;
import io.sluice.policies.rego.QueryResult;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Warm latency of {@code data.sluice.decision} for 10 tables x 30 columns. Sample mode reports
 * percentiles; the median (p0.50) is the figure quoted in the README. The command to run it
 * is in policies/README.md. In the fixture every table has the same 30 column descriptions, as
 * real schemas repeat id and audit columns; {@link #decisionDistinctColumns} measures the case
 * where none repeat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
  private PreparedQuery query;
  private JsonNode input;
  private JsonNode distinctInput;

  @Setup
  public void setup() {
    query = DecisionFixture.policy().prepare("data.sluice.decision");
    input = DecisionFixture.input();
    distinctInput = DecisionFixture.input(true);
  }

  @Benchmark
  public QueryResult decision() {
    return query.execute(Optional.of(input), EvalOptions.defaults());
  }

  /** The same decision with no column repeated across tables (no memo hits between tables). */
  @Benchmark
  public QueryResult decisionDistinctColumns() {
    return query.execute(Optional.of(distinctInput), EvalOptions.defaults());
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(DecisionBenchmark.class.getName()).build()).run();
  }
}
