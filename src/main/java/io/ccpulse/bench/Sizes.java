package io.ccpulse.bench;

import java.time.Duration;

/**
 * How big each scenario is: the full run of BENCHMARKS.md, or a smoke run with tiny sizes that only
 * proves every scenario still works end to end (CI).
 */
record Sizes(
        String name,
        int[] batchSizes,
        int[] ingestEvents,
        int ingestWarmupEvents,
        double[] latencyRates,
        int latencyBatch,
        Duration latencyWarmup,
        Duration latencyMeasure,
        double freshnessRate,
        int freshnessProbes,
        int memoryContacts,
        int memoryAgents,
        int memoryQueues,
        int scrapeRepeats,
        int generatorQueues,
        int generatorAgents) {

    static final int[] BATCHES = {1, 100, 1000};

    static Sizes full() {
        return new Sizes("full", BATCHES, new int[] {5_000, 300_000, 600_000}, 20_000,
                new double[] {1_000, 5_000, 20_000}, 50, Duration.ofSeconds(10), Duration.ofSeconds(30),
                5_000, 400, 100_000, 10_000, 200, 30, 50, 2_000);
    }

    /** The same scenarios with event counts, durations and probes multiplied by {@code f} (for trying things out). */
    Sizes scaled(double f) {
        if (f == 1.0) {
            return this;
        }
        int[] events = new int[ingestEvents.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = Math.max(batchSizes[i], (int) (ingestEvents[i] * f));
        }
        return new Sizes(name + " x" + f, batchSizes, events, Math.max(1, (int) (ingestWarmupEvents * f)), latencyRates,
                latencyBatch, Duration.ofMillis((long) (latencyWarmup.toMillis() * Math.min(1, f))),
                Duration.ofMillis((long) (latencyMeasure.toMillis() * f)), freshnessRate,
                Math.max(5, (int) (freshnessProbes * f)), Math.max(100, (int) (memoryContacts * f)),
                Math.max(memoryQueues * 12, (int) (memoryAgents * f)), memoryQueues, scrapeRepeats, generatorQueues,
                generatorAgents);
    }

    /** Only the given batch sizes of the ingest scenario (each must be one of {@link #BATCHES}). */
    Sizes onlyBatches(java.util.List<Integer> only) {
        if (only == null || only.isEmpty()) {
            return this;
        }
        int[] b = only.stream().mapToInt(Integer::intValue).toArray();
        int[] e = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            int k = java.util.Arrays.stream(BATCHES).boxed().toList().indexOf(b[i]);
            if (k < 0) {
                throw new IllegalArgumentException("batch size " + b[i] + " is not one of 1, 100, 1000");
            }
            e[i] = ingestEvents[k];
        }
        return new Sizes(name, b, e, ingestWarmupEvents, latencyRates, latencyBatch, latencyWarmup, latencyMeasure,
                freshnessRate, freshnessProbes, memoryContacts, memoryAgents, memoryQueues, scrapeRepeats,
                generatorQueues, generatorAgents);
    }

    static Sizes smoke() {
        return new Sizes("smoke", BATCHES, new int[] {200, 2_000, 5_000}, 200,
                new double[] {200, 500, 1_000}, 50, Duration.ofMillis(500), Duration.ofSeconds(2),
                500, 15, 2_000, 200, 10, 3, 5, 50);
    }
}
