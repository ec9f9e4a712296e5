package io.ccpulse.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real service ({@code ccpulse serve}) in a child JVM with the same class path as this one,
 * configured through its environment like in production. A child process, not a thread of the
 * benchmark, so that its RSS, heap and CPU time are its own and not mixed with the load generator's.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The benchmark's default JVM options of the service: a 1 GB heap cap. The engine buffers every event of
     * the allowed lateness (5 minutes: ~1.5 million events at 5,000 events/s, several hundred MB), so the
     * sustained-rate scenarios need it; with {@link #LOW_MEMORY_JVM_OPTIONS} the heap fills up at 5,000
     * events/s within minutes (measured: back-to-back full GCs, BENCHMARKS.md).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-Xms64m -Xmx1g";

    /**
     * JVM options that keep the whole process (heap + metaspace + code cache + thread stacks + GC structures)
     * under 512 MB RSS with 100,000 contacts in flight and 10,000 agents (scenario 5: 472 MB), for event rates
     * whose lateness window fits a 320 MB heap (scripts/run.sh's default). The write queue and the engine's
     * inbox derive their default capacities from the heap.
     */
    public static final String LOW_MEMORY_JVM_OPTIONS =
            "-Xms64m -Xmx320m -XX:MaxMetaspaceSize=128m -Xss512k -XX:ReservedCodeCacheSize=64m";

    static final String TOKEN = "bench-token";
    static final String SOURCE = "bench";

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(BenchDb db, List<String> jvmOptions, Path workDir, String name)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("service-" + name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.ccpulse.cli.Main");
        cmd.add("serve");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CCPULSE_"));
        env.put("CCPULSE_DB_URL", db.url());
        env.put("CCPULSE_DB_USER", db.server.user());
        env.put("CCPULSE_DB_PASSWORD", db.server.password());
        env.put("CCPULSE_HTTP_HOST", "127.0.0.1");
        env.put("CCPULSE_HTTP_PORT", Integer.toString(port));
        env.put("CCPULSE_INGEST_TOKENS", SOURCE + ":" + TOKEN);
        env.put("CCPULSE_READ_OPEN", "true");
        ServiceProcess sp = new ServiceProcess(pb.start(), port, log);
        // a benchmark stopped by a signal must not leave its service running
        Runtime.getRuntime().addShutdownHook(new Thread(sp.process::destroyForcibly, "bench-service-reaper"));
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!sp.process.isAlive()) {
                throw new IllegalStateException("the service exited with " + sp.process.exitValue() + ":\n" + sp.logTail());
            }
            try {
                HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(sp.base() + "/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return sp;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        sp.close();
        throw new IllegalStateException("the service did not get ready within 90 s:\n" + sp.logTail());
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.isAlive() ? process.pid() : 0;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident set size now, bytes (-1 when unknown). */
    long rssBytes() {
        long kb = Cpu.statusKb(process.pid(), "VmRSS");
        return kb < 0 ? -1 : kb * 1024;
    }

    /** Peak resident set size, bytes (-1 when unknown). */
    long peakRssBytes() {
        long kb = Cpu.statusKb(process.pid(), "VmHWM");
        return kb < 0 ? -1 : kb * 1024;
    }

    /** Java heap in use, bytes, from {@code jcmd PID GC.heap_info}; after a full GC when asked; -1 when unknown. */
    long heapUsedBytes(boolean fullGcFirst) {
        return heap(fullGcFirst)[1];
    }

    /** {committed, used} Java heap in bytes from {@code jcmd PID GC.heap_info} ({-1, -1} when unknown). */
    long[] heap(boolean fullGcFirst) {
        if (fullGcFirst) {
            jcmd("GC.run");
        }
        String out = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("heap\\s+total\\s+(\\d+)K, used (\\d+)K").matcher(out == null ? "" : out);
        return m.find() ? new long[] {Long.parseLong(m.group(1)) * 1024, Long.parseLong(m.group(2)) * 1024}
                : new long[] {-1, -1};
    }

    private String jcmd(String what) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String bin = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(bin, Long.toString(process.pid()), what).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
