package io.sluice.policies.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of OPA's conformance suite (read-only, in shared/conformance/opa), prints a
 * line per topic and a final "N passed, M failed, K skipped", and ratchets the pass rate.
 */
class OpaConformanceTest {
  /** Raise this whenever the pass rate improves; it must never go down. */
  private static final double PASS_RATE_FLOOR = 0.98;

  @Test
  void conformanceSuitePassRateStaysAboveTheFloor() throws Exception {
    Optional<Path> dir = locate();
    Assumptions.assumeTrue(dir.isPresent(), "shared/conformance/opa not found next to the repository; skipping");
    Map<String, String> skips = loadSkips();
    Map<String, int[]> topics = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(null, r, "conformance", 64L << 20);
      t.setDaemon(true);
      return t;
    });
    try {
      for (Path file : yamlFiles(dir.get())) {
        String topic = dir.get().relativize(file).getName(0).toString();
        int[] counts = topics.computeIfAbsent(topic, k -> new int[3]);
        JsonNode doc = ConformanceRunner.YAML.readTree(file.toFile());
        for (JsonNode n : doc.path("cases")) {
          ConformanceCase c = ConformanceCase.from(topic, file.getFileName().toString(), n);
          if (skips.containsKey(c.note())) {
            counts[2]++;
            skipped++;
            continue;
          }
          Optional<String> problem;
          Future<Optional<String>> f = pool.submit(() -> ConformanceRunner.run(c));
          try {
            problem = f.get(10, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            problem = Optional.of("timeout");
          } catch (java.util.concurrent.ExecutionException e) {
            problem = Optional.of("crash: " + e.getCause());
          }
          if (problem.isEmpty()) {
            counts[0]++;
            passed++;
          } else {
            counts[1]++;
            failed++;
            failures.add(topic + "/" + c.file() + " :: " + c.note() + "\n      " + problem.get());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    topics.forEach((t, c) -> System.out.println(t + ": " + c[0] + " passed, " + c[1] + " failed, " + c[2] + " skipped"));
    Path report = Path.of("target", "conformance-failures.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, String.join("\n", failures) + "\n");
    System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
    double rate = (double) passed / Math.max(1, passed + failed + skipped);
    assertThat(rate).isGreaterThanOrEqualTo(PASS_RATE_FLOOR);
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  static Optional<Path> locate() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolve("shared").resolve("conformance").resolve("opa");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
      p = p.getParent();
    }
    return Optional.empty();
  }

  private static Map<String, String> loadSkips() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = OpaConformanceTest.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.lastIndexOf(" | ");
        out.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
      }
    }
    return out;
  }
}
