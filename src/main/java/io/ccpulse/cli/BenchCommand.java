package io.ccpulse.cli;

import io.ccpulse.bench.Bench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ccpulse bench}: starts fresh databases in a local PostgreSQL + TimescaleDB cluster and the
 * service as a child process, runs the scenarios of BENCHMARKS.md and prints a Markdown table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: ingest throughput against a raw COPY, ack latency, live freshness, history "
                + "queries, memory and /metrics. Needs a PostgreSQL + TimescaleDB cluster where the user may "
                + "CREATE DATABASE (scripts/db.sh start). Prints a Markdown table; with --output, puts it into "
                + "that file between the bench markers (BENCHMARKS.md)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--smoke", description = "Tiny sizes: proves every scenario runs (CI); the numbers mean nothing.")
    boolean smoke;

    @Option(names = "--scale", defaultValue = "1",
            description = "Multiply event counts, durations and probes by this (e.g. 0.1 to try things out; "
                    + "results of a scaled run are not the benchmark's)")
    double scale;

    @Option(names = "--batches", split = ",",
            description = "Only these batch sizes in the ingest scenario (of 1, 100, 1000; default all)")
    List<Integer> batches;

    @Option(names = {"-o", "--output"}, description = "Markdown file to update (e.g. BENCHMARKS.md); default: print only.")
    Path output;

    @Option(names = "--scenarios", split = ",", description = "Which to run, of: ${DEFAULT-VALUE}",
            defaultValue = "ingest,latency,freshness,history,memory")
    List<String> scenarios;

    @Option(names = "--pg", description = "host:port of the cluster (default ${DEFAULT-VALUE})",
            defaultValue = "${env:CCPULSE_BENCH_PG:-127.0.0.1:55432}")
    String pg;

    @Option(names = "--pg-user", defaultValue = "${env:CCPULSE_BENCH_PG_USER:-ccpulse}",
            description = "A user that may CREATE DATABASE (default ${DEFAULT-VALUE})")
    String pgUser;

    @Option(names = "--pg-password", defaultValue = "${env:CCPULSE_BENCH_PG_PASSWORD:-ccpulse}",
            description = "Its password")
    String pgPassword;

    @Option(names = "--pg-admin-db", defaultValue = "ccpulse",
            description = "An existing database to connect to for CREATE/DROP DATABASE (default ${DEFAULT-VALUE})")
    String pgAdminDb;

    @Option(names = "--service-jvm", defaultValue = io.ccpulse.bench.ServiceProcess.DEFAULT_JVM_OPTIONS,
            description = "JVM options of the service's process (default ${DEFAULT-VALUE})")
    String serviceJvm;

    @Option(names = "--clients", defaultValue = "8",
            description = "Concurrent clients of the closed-loop ingest runs (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--work-dir", defaultValue = "target/bench",
            description = "Where the service logs go (default ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : scenarios) {
            if (!Bench.SCENARIOS.contains(s.trim())) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "unknown scenario '" + s + "'; known: " + Bench.SCENARIOS);
            }
            wanted.add(s.trim());
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("bench")) {
            args.remove(0);
        }
        String command = "java -jar target/ccpulse.jar bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        List<String> jvm = Arrays.asList(serviceJvm.trim().split("\\s+"));
        Bench.Result r = Bench.run(command, smoke, scale, batches, wanted, pg, pgUser, pgPassword, pgAdminDb, jvm, clients, workDir,
                System.err);
        System.out.println(r.markdown());
        if (output != null) {
            Bench.write(output, r.markdown());
            System.err.println("bench: results written to " + output);
        }
        if (!r.failures().isEmpty()) {
            System.err.println("bench: failed scenarios: " + r.failures());
            return 1;
        }
        return 0;
    }
}
