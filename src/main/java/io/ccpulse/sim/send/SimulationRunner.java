package io.ccpulse.sim.send;

import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Drives a {@link TrafficModel} against the wall clock and hands its events to a
 * {@link BatchSender}.
 *
 * <p>Simulated time runs at {@code speed} simulated seconds per real second from the model's
 * start, and never ahead of the wall clock: events are sent when their time has come, so with
 * speed 1 the service sees them as they "happen". Every tick (200 ms) it sends what is due, in
 * batches of at most {@code batchMax}; when more is due than one batch (a replay of the past with
 * a high speed, or after an outage) it sends batch after batch without pausing, as fast as the
 * server answers. With an infinite speed a past interval is replayed as fast as the server takes
 * it, then the run goes on in real time (or ends at the model's end). A status line goes to
 * {@code out} every 10 s and at the end.
 */
public final class SimulationRunner {

    static final long TICK_MS = 200;
    static final long STATUS_MS = 10_000;

    private final TrafficModel model;
    private final BatchSender sender;
    private final double speed;
    private final int batchMax;
    private final PrintStream out;
    private final LongSupplier wallMillis;
    private final LongSupplier nanoTime;
    private final BatchSender.Sleeper sleeper;
    private long simulatedUpTo;
    private boolean caughtUpReported;

    /**
     * @param speed    simulated seconds per real second; {@code Double.POSITIVE_INFINITY} for as fast as possible
     * @param batchMax events per request
     */
    public SimulationRunner(TrafficModel model, BatchSender sender, double speed, int batchMax, PrintStream out,
                            LongSupplier wallMillis, LongSupplier nanoTime, BatchSender.Sleeper sleeper) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        if (batchMax < 1) {
            throw new IllegalArgumentException("batch-max must be at least 1");
        }
        this.model = model;
        this.sender = sender;
        this.speed = speed;
        this.batchMax = batchMax;
        this.out = out;
        this.wallMillis = wallMillis;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.simulatedUpTo = model.start().toEpochMilli();
    }

    /** Runs until the model's end (forever when it has none). */
    public void run() throws InterruptedException {
        long simStart = model.start().toEpochMilli();
        long end = model.end() == null ? Long.MAX_VALUE : model.end().toEpochMilli();
        long realStart = nanoTime.getAsLong();
        long nextStatus = realStart + STATUS_MS * 1_000_000;
        while (true) {
            long tickStart = nanoTime.getAsLong();
            long wall = wallMillis.getAsLong();
            long paced = Double.isInfinite(speed) ? Long.MAX_VALUE
                    : simStart + (long) ((tickStart - realStart) / 1e6 * speed);
            long target = Math.min(Math.min(paced, wall), end);
            List<SimEvent> events = model.next(Instant.ofEpochMilli(target), batchMax);
            sender.send(events);
            boolean drained = events.size() < batchMax;
            if (drained) {
                simulatedUpTo = Math.max(simulatedUpTo, target);
                if (!caughtUpReported && wall <= paced && speed > 1 && target < end) {
                    caughtUpReported = true;
                    out.println("ccpulse simulate: caught up with the wall clock; going on in real time");
                }
            } else {
                simulatedUpTo = events.get(events.size() - 1).timeMs();
            }
            long now = nanoTime.getAsLong();
            if (now >= nextStatus) {
                out.println(status());
                nextStatus = now + STATUS_MS * 1_000_000;
            }
            if (drained && target >= end) {
                out.println(status() + " (done)");
                return;
            }
            if (drained) {
                long spent = (nanoTime.getAsLong() - tickStart) / 1_000_000;
                if (spent < TICK_MS) {
                    sleeper.sleep(TICK_MS - spent);
                }
            }
        }
    }

    /** One line: simulated time and the sender's counters. */
    public String status() {
        return "ccpulse simulate: simulated time " + Instant.ofEpochMilli(simulatedUpTo) + "; events " + sender.counters();
    }
}
