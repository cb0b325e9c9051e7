package dev.capydb.authsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A cross-check of the JMH ratios for a shared, busy machine: the same benchmarks on the same inputs,
 * interleaved in short batches and timed by the thread's CPU time rather than the wall clock, so that
 * neither a change of load during the run nor time spent descheduled favours one implementation.
 * Not a JMH benchmark (no forks, no blackholes; results are consumed through a volatile field).
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.capydb.authsync.bench.CpuTimeComparison [size] [ascii|utf8]</pre>
 */
public final class CpuTimeComparison {

    private static final int WARMUP_ROUNDS = 10;
    private static final int MEASURED_ROUNDS = 20;
    private static volatile Object sink;

    private CpuTimeComparison() {
    }

    public static void main(String[] args) throws Exception {
        VerificationBenchmark state = new VerificationBenchmark();
        state.size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        state.text = args.length > 1 ? args[1] : "ascii";
        state.setUp(); // also checks that every input verifies

        Map<String, Callable<Object>> benchmarks = new LinkedHashMap<>();
        benchmarks.put("standardWebhooks_ours", state::standardWebhooks_ours);
        benchmarks.put("standardWebhooks_svix", () -> {
            state.standardWebhooks_svix();
            return state;
        });
        benchmarks.put("banata_ours", state::banata_ours);
        benchmarks.put("banata_stripe", state::banata_stripe);
        benchmarks.put("betterAuth_ours", state::betterAuth_ours);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int batch = Math.max(200, 20_000_000 / state.size);
        Map<String, List<Double>> nanosPerOp = new LinkedHashMap<>();
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            for (Map.Entry<String, Callable<Object>> benchmark : benchmarks.entrySet()) {
                Callable<Object> operation = benchmark.getValue();
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    sink = operation.call();
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (round >= WARMUP_ROUNDS) {
                    nanosPerOp.computeIfAbsent(benchmark.getKey(), k -> new ArrayList<>()).add((double) cpu / batch);
                }
            }
        }

        System.out.printf("size=%d text=%s: CPU ns per verification, median of %d batches of %d (p25-p75)%n",
                state.size, state.text, MEASURED_ROUNDS, batch);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> result : nanosPerOp.entrySet()) {
            List<Double> sorted = result.getValue();
            Collections.sort(sorted);
            double median = sorted.get(sorted.size() / 2);
            medians.put(result.getKey(), median);
            System.out.printf("  %-22s %10.0f ns  (%.0f-%.0f)%n", result.getKey(), median,
                    sorted.get(sorted.size() / 4), sorted.get(3 * sorted.size() / 4));
        }
        System.out.printf("  standardWebhooks ours/svix throughput: %.2fx%n",
                medians.get("standardWebhooks_svix") / medians.get("standardWebhooks_ours"));
        System.out.printf("  banata ours/stripe throughput:         %.2fx%n",
                medians.get("banata_stripe") / medians.get("banata_ours"));
    }
}
