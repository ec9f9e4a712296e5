package io.ccpulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs the scenarios and renders the results (the {@code bench} command's engine). */
public final class Bench {

    public static final List<String> SCENARIOS = List.of("ingest", "latency", "freshness", "history", "memory");
    public static final String BEGIN = "<!-- bench:results:begin (written by `ccpulse bench`; edit outside) -->";
    public static final String END = "<!-- bench:results:end -->";

    /** The results of a run. */
    public record Result(String markdown, List<String> failures, int rows, int measured) { }

    private Bench() {
    }

    /**
     * @param command           the command line, as printed in the report
     * @param smoke             tiny sizes (CI)
     * @param scenarios         which of {@link #SCENARIOS}
     * @param serviceJvmOptions options of the service's JVM
     */
    public static Result run(String command, boolean smoke, double scale, List<Integer> batches, Set<String> scenarios,
                             String pgHostPort,
                             String pgUser,
                             String pgPassword, String pgAdminDb, List<String> serviceJvmOptions, int clients,
                             Path workDir, java.io.PrintStream log) throws Exception {
        Sizes sizes = (smoke ? Sizes.smoke() : Sizes.full()).scaled(scale).onlyBatches(batches);
        BenchDb.Server server = new BenchDb.Server(pgHostPort, pgUser, pgPassword, pgAdminDb);
        BenchContext ctx = new BenchContext(sizes, server, serviceJvmOptions, clients, workDir, log);
        Map<String, String> machine;
        try (BenchDb probe = BenchDb.create(server, "info")) {
            machine = MachineInfo.describe(probe);
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String s : SCENARIOS) {
            if (!scenarios.contains(s)) {
                continue;
            }
            log.printf("bench: %s (%s sizes)...%n", s, sizes.name());
            long t0 = System.nanoTime();
            try {
                rows.addAll(switch (s) {
                    case "ingest" -> IngestThroughput.run(ctx);
                    case "latency" -> AckLatency.run(ctx);
                    case "freshness" -> Freshness.run(ctx);
                    case "history" -> HistoryQueries.run(ctx);
                    case "memory" -> MemoryScrape.run(ctx);
                    default -> throw new IllegalArgumentException(s);
                });
            } catch (Exception | AssertionError e) {
                e.printStackTrace(log);
                failures.add(s + ": " + e);
                rows.add(Row.notRun(s, "scenario " + s, "", "failed: " + e.getMessage()));
            }
            log.printf("bench: %s done in %.0f s%n", s, (System.nanoTime() - t0) / 1e9);
        }
        machine.put("Service", "`ccpulse serve` in a child JVM (" + String.join(" ", serviceJvmOptions)
                + "), default settings (2 writer threads, pool of 6, 2 event loops)");
        machine.put("Load generator", "this JVM (JDK HttpClient, HTTP/1.1 keep-alive), " + clients
                + " clients in the closed-loop ingest runs");
        String md = render(command, sizes, started, machine, rows, ctx.cpu);
        int measured = (int) rows.stream().filter(r -> !Double.isNaN(r.value())).count();
        return new Result(md, failures, rows.size(), measured);
    }

    static String render(String command, Sizes sizes, Instant started, Map<String, String> machine, List<Row> rows,
                         List<BenchContext.CpuUse> cpu) {
        StringBuilder b = new StringBuilder();
        b.append("Run of ").append(started).append(" (").append(sizes.name()).append(" sizes), commit `")
                .append(gitCommit()).append("`:\n\n```sh\n").append(command).append("\n```\n\n");
        b.append("| machine | |\n|---|---|\n");
        for (Map.Entry<String, String> e : machine.entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        b.append("\n| scenario | measure | result | target | verdict | notes |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.scenario()).append(" | ").append(cell(r.measure())).append(" | ")
                    .append(r.formatted()).append(" | ").append(cell(r.target())).append(" | ").append(r.verdict())
                    .append(" | ").append(cell(r.note())).append(" |\n");
        }
        b.append("\nCPU use during each measured step, as a share of the whole machine (all cores), from /proc: the "
                + "service process, the PostgreSQL processes of the step's database plus the server's background "
                + "processes, this process (load generator), and everything else running on the machine.\n\n");
        b.append("| step | seconds | service | PostgreSQL | load generator | other | idle |\n|---|---|---|---|---|---|---|\n");
        for (BenchContext.CpuUse c : cpu) {
            Cpu.Split s = c.split();
            b.append("| ").append(c.step()).append(" | ").append(String.format("%.1f", c.seconds())).append(" | ")
                    .append(pct(s.service())).append(" | ").append(pct(s.postgres())).append(" | ")
                    .append(pct(s.generator())).append(" | ").append(pct(s.other())).append(" | ")
                    .append(pct(1 - s.busy())).append(" |\n");
        }
        return b.toString();
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "n/a" : String.format("%.0f %%", d * 100);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Puts the results between the markers of {@code file}, keeping the rest; creates it when missing. */
    public static void write(Path file, String results) throws IOException {
        String block = BEGIN + "\n" + results + END;
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file);
            int a = old.indexOf(BEGIN);
            int z = old.indexOf(END);
            text = a >= 0 && z > a ? old.substring(0, a) + block + old.substring(z + END.length())
                    : old + "\n## Results\n\n" + block + "\n";
        } else {
            text = "# Benchmarks\n\nMethod and discussion: see `ccpulse bench --help` and the sources in "
                    + "`io.ccpulse.bench`.\n\n## Results\n\n" + block + "\n";
        }
        Files.writeString(file, text);
    }

}
