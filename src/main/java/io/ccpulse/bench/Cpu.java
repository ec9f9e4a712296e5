package io.ccpulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Who used the machine's CPU during a step: the service process, the PostgreSQL processes working for
 * the benchmark's database (its backends and the shared background processes), this process (the load
 * generator) and everything else on the machine (other work sharing it), read from {@code /proc}.
 * Linux only; elsewhere every figure is NaN.
 */
final class Cpu {

    /** CPU time in clock ticks (USER_HZ, 100 per second on Linux). */
    record Sample(long machineBusy, long machineTotal, long service, java.util.Map<Long, Long> postgres, long generator,
                  long wallNanos) { }

    /** Shares of the machine (0..1 of all cores) between two samples. */
    record Split(double service, double postgres, double generator, double other, double busy,
                 double serviceSeconds, double postgresSeconds, double generatorSeconds) {

        /** CPU milliseconds of the service and of PostgreSQL per thousand events. */
        String perThousand(long events) {
            if (Double.isNaN(busy) || events <= 0) {
                return "";
            }
            return String.format("CPU per 1000 events: service %.0f ms, PostgreSQL %.0f ms, load generator %.0f ms",
                    serviceSeconds * 1e6 / events, postgresSeconds * 1e6 / events, generatorSeconds * 1e6 / events);
        }

        String describe() {
            if (Double.isNaN(busy)) {
                return "n/a";
            }
            return String.format("service %.0f%%, postgres %.0f%%, load generator %.0f%%, other %.0f%%, idle %.0f%%",
                    service * 100, postgres * 100, generator * 100, other * 100, (1 - busy) * 100);
        }
    }

    /** USER_HZ: the unit of /proc CPU times. */
    private static final double HZ = 100.0;

    private final LongSupplier servicePid;
    private final long postmasterPid;
    private final String database;

    /**
     * @param servicePid    the service's pid (0 when none)
     * @param postmasterPid the PostgreSQL postmaster's pid (0 when not local)
     * @param database      the benchmark's database: backends of other databases are "other"
     */
    Cpu(LongSupplier servicePid, long postmasterPid, String database) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
        this.database = database;
    }

    Sample sample() {
        long[] machine = machine();
        long pid = servicePid.getAsLong();
        return new Sample(machine[0], machine[1], pid > 0 ? ticks(pid) : 0, postgres(),
                ticks(ProcessHandle.current().pid()), System.nanoTime());
    }

    static Split between(Sample a, Sample b) {
        double total = b.machineTotal - a.machineTotal;
        if (total <= 0) {
            return new Split(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double service = (b.service - a.service) / total;
        long pgTicks = 0;
        // per process: a backend that ended between the samples takes its ticks with it (not counted),
        // one that started counts from zero
        for (java.util.Map.Entry<Long, Long> e : b.postgres.entrySet()) {
            pgTicks += Math.max(0, e.getValue() - a.postgres.getOrDefault(e.getKey(), 0L));
        }
        double pg = pgTicks / total;
        double gen = (b.generator - a.generator) / total;
        double busy = (b.machineBusy - a.machineBusy) / total;
        return new Split(service, pg, gen, Math.max(0, busy - service - pg - gen), busy,
                (b.service - a.service) / HZ, pgTicks / HZ, (b.generator - a.generator) / HZ);
    }

    /** {busy, total} jiffies of all cores from /proc/stat. */
    private static long[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of a process (all its threads), in ticks; 0 when it is gone. */
    static long ticks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state(0) ppid(1) ... utime(11) stime(12)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long parent(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return 0;
        }
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    private java.util.Map<Long, Long> postgres() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        if (postmasterPid <= 0) {
            return out;
        }
        for (long pid : children(postmasterPid)) {
            String cmd = cmdline(pid);
            if (cmd == null) {
                continue;
            }
            // client backends show "postgres: user database host(port) ..."; count ours and the
            // background processes (WAL writer, checkpointer, ...), not other databases' backends
            boolean backend = cmd.contains("(") || cmd.contains("[local]");
            if (cmd.contains(" " + database + " ") || !backend) {
                out.put(pid, ticks(pid));
            }
        }
        out.put(postmasterPid, ticks(postmasterPid));
        return out;
    }

    static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> out.add(c.pid())));
        return out;
    }

    private static String cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** A line of /proc/PID/status, in kB (VmRSS, VmHWM); -1 when unknown. */
    static long statusKb(long pid, String key) {
        String s = read(Path.of("/proc", Long.toString(pid), "status"));
        if (s == null) {
            return -1;
        }
        for (String line : s.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
