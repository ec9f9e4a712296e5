package io.ccpulse.cli;

import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.TrafficModel;
import io.ccpulse.sim.send.BatchSender;
import io.ccpulse.sim.send.SimulationRunner;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ccpulse simulate}: posts realistic demo traffic (a simulated contact center, see
 * {@link TrafficModel}) to a running service.
 */
@Command(name = "simulate",
        description = {"Send realistic demo traffic of a simulated contact center to POST /v1/events.",
            "Examples:",
            "  ccpulse simulate                                  (live, real time, from now on)",
            "  ccpulse simulate --start today --speed 60         (today since midnight at 60x, then live)",
            "  ccpulse simulate --start 2026-11-23 --duration 1d --speed max   (replay a whole day, then exit)"})
public final class SimulateCommand implements Callable<Integer> {

    /** Exit code when the server refuses the token. */
    static final int EXIT_UNAUTHORIZED = 3;
    /** Exit code when the server refuses a batch for a reason retries cannot fix. */
    static final int EXIT_REFUSED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the service (default: ${DEFAULT-VALUE}); /v1/events is appended")
    String url;

    @Option(names = "--token", description = "Ingest bearer token (default: environment CCPULSE_DEMO_TOKEN, else demo-token)")
    String token;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation (default: ${DEFAULT-VALUE}); "
            + "the same seed and start give the same events and ids")
    long seed;

    @Option(names = "--speed", defaultValue = "1", description = "Simulated seconds per real second, or 'max' "
            + "(default: ${DEFAULT-VALUE} = real time). Events are never sent ahead of the wall clock, so a speed "
            + "above 1 needs --start in the past")
    String speed;

    @Option(names = "--duration", description = "Simulated time to produce, e.g. 90m, 8h, 1d, PT2H (default: forever)")
    String duration;

    @Option(names = "--batch-max", defaultValue = "500", description = "Events per request (default: ${DEFAULT-VALUE})")
    int batchMax;

    @Option(names = "--start", defaultValue = "now", description = "Simulated start: now, today (local midnight), "
            + "yesterday, 2026-11-23, 2026-11-23T08:00 (local) or 2026-11-23T08:00:00Z (default: ${DEFAULT-VALUE})")
    String start;

    @Option(names = "--center-size", defaultValue = "medium",
            description = "small (~10 agents), medium (~40) or large (~200) (default: ${DEFAULT-VALUE})")
    String centerSize;

    @Option(names = "--zone", description = "Time zone of the center's day, shifts and opening hours "
            + "(default: environment CCPULSE_TIME_ZONE, else the system's)")
    String zone;

    private final Map<String, String> env;

    public SimulateCommand() {
        this(System.getenv());
    }

    SimulateCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        ZoneId zoneId = zone(zone != null ? zone : env.get("CCPULSE_TIME_ZONE"));
        double pace = speed(speed);
        Duration span = duration == null ? null : duration(duration);
        Instant startAt = start(start, zoneId, Instant.now());
        CenterSize size = size(centerSize);
        if (batchMax < 1 || batchMax > 10_000) {
            throw bad("--batch-max must be 1..10000, not " + batchMax);
        }
        String bearer = token != null ? token : env.getOrDefault("CCPULSE_DEMO_TOKEN", "demo-token");
        URI events = eventsUri(url);

        TrafficModel model = new TrafficModel(size, seed, startAt, span, zoneId);
        BatchSender sender = new BatchSender(events, bearer, Thread::sleep, System.err, System::currentTimeMillis);
        SimulationRunner runner = new SimulationRunner(model, sender, pace, batchMax, System.out,
                System::currentTimeMillis, System::nanoTime, Thread::sleep);
        System.out.println("ccpulse simulate: " + size + " center (" + model.rosterSize() + " agents), seed " + seed
                + ", run " + model.runId() + ", from " + startAt + " (" + zoneId + ")"
                + (span == null ? "" : " for " + span) + " at speed " + speed + ", to " + events);
        if (pace > 1 && !startAt.isBefore(Instant.now().minusSeconds(60))) {
            System.out.println("ccpulse simulate: note: --speed only matters with --start in the past; "
                    + "events are never sent ahead of the wall clock");
        }
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                System.out.println(runner.status() + " (stopped)");
            }
        }, "ccpulse-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            sender.probe();
            runner.run();
            return 0;
        } catch (BatchSender.Unauthorized e) {
            System.err.println("ccpulse simulate: " + e.getMessage());
            return EXIT_UNAUTHORIZED;
        } catch (BatchSender.Refused e) {
            System.err.println("ccpulse simulate: " + e.getMessage());
            return EXIT_REFUSED;
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook prints the status
            }
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private CenterSize size(String s) {
        try {
            return CenterSize.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad("--center-size: " + e.getMessage());
        }
    }

    private ZoneId zone(String s) {
        if (s == null || s.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(s.trim());
        } catch (DateTimeException e) {
            throw bad("--zone: '" + s + "' is not a time zone (example: Europe/Berlin)");
        }
    }

    double speed(String s) {
        if ("max".equalsIgnoreCase(s.trim())) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(s.trim());
            if (v > 0 && !Double.isNaN(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("--speed must be a positive number or 'max', not '" + s + "'");
    }

    /** 90s, 15m, 8h, 2d, 500ms or ISO-8601 (PT2H, P1D). */
    Duration duration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's': d = Duration.ofSeconds(n); break;
                    case 'm': d = Duration.ofMinutes(n); break;
                    case 'h': d = Duration.ofHours(n); break;
                    case 'd': d = Duration.ofDays(n); break;
                    default: throw new NumberFormatException();
                }
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw bad("--duration must look like 90s, 15m, 8h, 2d or PT2H, not '" + s + "'");
        }
    }

    /** now, today, yesterday, a date, a local date-time (in the zone) or an instant with offset. */
    Instant start(String s, ZoneId zoneId, Instant now) {
        String v = s.trim();
        try {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "now":
                    return now.truncatedTo(ChronoUnit.MILLIS);
                case "today":
                    return LocalDate.ofInstant(now, zoneId).atStartOfDay(zoneId).toInstant();
                case "yesterday":
                    return LocalDate.ofInstant(now, zoneId).minusDays(1).atStartOfDay(zoneId).toInstant();
                default:
                    break;
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zoneId).toInstant();
            }
            if (v.endsWith("Z") || v.endsWith("z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant().truncatedTo(ChronoUnit.MILLIS);
            }
            return LocalDateTime.parse(v).atZone(zoneId).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeException e) {
            throw bad("--start must be now, today, yesterday, 2026-11-23, 2026-11-23T08:00 or "
                    + "2026-11-23T08:00:00Z, not '" + s + "'");
        }
    }

    static URI eventsUri(String base) {
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b.endsWith("/v1/events") ? b : b + "/v1/events");
    }
}
