package io.sluice.gateway.policy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link PolicyOverheadBenchmark}'s cases measured in CPU time of the planning thread instead of
 * wall time: on this shared 2-core machine a loaded scheduler inflates wall-clock medians by
 * whole time slices, while the CPU a planning burns barely changes. The cases run interleaved
 * (one call of each per round) so all see the same machine. Prints, per case, the median and the
 * 10th and 90th percentile CPU milliseconds, the median differences against planning
 * without policy, and the CPU of the policy step alone (decision and rewrite, measured around the
 * enforcer inside {@code planWithPolicyDecisionCached}). Run from the gateway module with the benchmark classpath (see README):
 * {@code java -cp ... io.sluice.gateway.policy.bench.PolicyOverheadCpu [rounds]}.
 */
public final class PolicyOverheadCpu {
    private PolicyOverheadCpu() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = Math.max(50, rounds / 3);
        PolicyOverheadBenchmark bench = new PolicyOverheadBenchmark();
        bench.start();
        try {
            Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
            cases.put("planWithoutPolicy", bench::planWithoutPolicy);
            cases.put("planWithPolicyDecisionCached", bench::planWithPolicyDecisionCached);
            cases.put("planWithPolicy", bench::planWithPolicy);
            Map<String, List<Long>> cpu = new LinkedHashMap<>();
            cases.keySet().forEach(name -> cpu.put(name, new ArrayList<>()));
            List<Long> policyStep = new ArrayList<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < warmup + rounds; round++) {
                for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
                    long before = threads.getCurrentThreadCpuTime();
                    c.getValue().get();
                    long used = threads.getCurrentThreadCpuTime() - before;
                    if (round >= warmup) {
                        cpu.get(c.getKey()).add(used);
                        if (c.getKey().equals("planWithPolicyDecisionCached")) {
                            policyStep.add(bench.lastRewriteCpuNanos());
                        }
                    }
                }
            }
            double baseline = percentile(cpu.get("planWithoutPolicy"), 0.5);
            for (Map.Entry<String, List<Long>> e : cpu.entrySet()) {
                double median = percentile(e.getValue(), 0.5);
                System.out.printf(Locale.ROOT, "%-30s cpu ms p10 %7.2f  p50 %7.2f  p90 %7.2f  p50-baseline %+7.2f%n",
                        e.getKey(), percentile(e.getValue(), 0.1) / 1e6, median / 1e6,
                        percentile(e.getValue(), 0.9) / 1e6, (median - baseline) / 1e6);
            }
            System.out.printf(Locale.ROOT, "%-30s cpu ms p10 %7.3f  p50 %7.3f  p90 %7.3f%n",
                    "policy step (decision cached)", percentile(policyStep, 0.1) / 1e6,
                    percentile(policyStep, 0.5) / 1e6, percentile(policyStep, 0.9) / 1e6);
        } finally {
            bench.stop();
        }
    }

    private static double percentile(List<Long> values, double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
