package io.ccpulse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What every scenario needs: sizes, the database server, how to start the service, where to log. */
final class BenchContext {

    /** CPU use of one step. */
    record CpuUse(String step, double seconds, Cpu.Split split) { }

    final Sizes sizes;
    final BenchDb.Server server;
    final List<String> serviceJvmOptions;
    final int clients;
    final Path workDir;
    final PrintStream log;
    final List<CpuUse> cpu = new ArrayList<>();

    BenchContext(Sizes sizes, BenchDb.Server server, List<String> serviceJvmOptions, int clients, Path workDir,
                 PrintStream log) {
        this.sizes = sizes;
        this.server = server;
        this.serviceJvmOptions = serviceJvmOptions;
        this.clients = clients;
        this.workDir = workDir;
        this.log = log;
    }

    ServiceProcess startService(BenchDb db, String name) throws IOException, InterruptedException {
        return ServiceProcess.start(db, serviceJvmOptions, workDir, name);
    }

    /** With JVM options added to the service's (after {@link #serviceJvmOptions}). */
    ServiceProcess startService(BenchDb db, String name, List<String> extra) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(serviceJvmOptions);
        all.addAll(extra);
        return ServiceProcess.start(db, all, workDir, name);
    }

    /** Measures the CPU split of a step. */
    final class Meter {
        private final String step;
        private final Cpu cpuReader;
        private final Cpu.Sample start;

        Meter(String step, BenchDb db, ServiceProcess service) {
            this.step = step;
            AtomicLong pid = new AtomicLong(service == null ? 0 : service.pid());
            this.cpuReader = new Cpu(pid::get, db.postmasterPid(), db.name);
            this.start = cpuReader.sample();
        }

        Cpu.Split stop() {
            Cpu.Sample end = cpuReader.sample();
            Cpu.Split s = Cpu.between(start, end);
            cpu.add(new CpuUse(step, (end.wallNanos() - start.wallNanos()) / 1e9, s));
            log.printf("  cpu during %s: %s%n", step, s.describe());
            return s;
        }
    }

    Meter meter(String step, BenchDb db, ServiceProcess service) {
        return new Meter(step, db, service);
    }
}
