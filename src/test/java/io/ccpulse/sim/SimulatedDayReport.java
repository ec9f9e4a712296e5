package io.ccpulse.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Prints the numbers of one simulated day: {@code java ... SimulatedDayReport medium 2026-11-23T00:00:00Z}. */
public final class SimulatedDayReport {

    public static void main(String[] args) {
        CenterSize size = CenterSize.parse(args.length > 0 ? args[0] : "medium");
        Instant start = Instant.parse(args.length > 1 ? args[1] : "2026-11-23T00:00:00Z");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        System.out.print(report(size, seed, start, Duration.ofDays(1)));
    }

    static String report(CenterSize size, long seed, Instant start, Duration duration) {
        TrafficModel model = new TrafficModel(size, seed, start, duration, ZoneId.of("UTC"));
        StreamCheck check = new StreamCheck();
        long t0 = System.nanoTime();
        java.util.List<SimEvent> events = model.next(start.plus(duration));
        long gen = (System.nanoTime() - t0) / 1_000_000;
        check.accept(events);
        long ms = (System.nanoTime() - t0) / 1_000_000 - gen;
        return size + " center (" + model.rosterSize() + " agents), seed " + seed + ", " + start + " + " + duration
                + " (generated in " + gen + " ms, checked in " + ms + " ms)\n" + check.report()
                + (check.problems.isEmpty() ? "" : "PROBLEMS:\n" + String.join("\n", check.problems) + "\n");
    }
}
