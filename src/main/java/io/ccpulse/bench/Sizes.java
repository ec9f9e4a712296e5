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
        return new Sizes("full", BATCHES, new int[] {20_000, 300_000, 600_000}, 20_000,
                new double[] {1_000, 5_000, 20_000}, 50, Duration.ofSeconds(10), Duration.ofSeconds(30),
                5_000, 400, 100_000, 10_000, 200, 30, 50, 2_000);
    }

    static Sizes smoke() {
        return new Sizes("smoke", BATCHES, new int[] {200, 2_000, 5_000}, 200,
                new double[] {200, 500, 1_000}, 50, Duration.ofMillis(500), Duration.ofSeconds(2),
                500, 15, 2_000, 200, 10, 3, 5, 50);
    }
}
