package io.ccpulse.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian package installed by scripts/install-prometheus.sh) started
 * with the project's prometheus/prometheus.yml, whose ccpulse target is pointed at the test's port.
 */
public final class Prometheus implements AutoCloseable {

    private final Process process;
    private final int port;

    private Prometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Prometheus start(int servicePort, Path workDir) throws IOException, InterruptedException {
        File repo = Scripts.repoRoot();
        String yml = Files.readString(new File(repo, "prometheus/prometheus.yml").toPath());
        if (!yml.contains("127.0.0.1:8080")) {
            throw new IllegalStateException("prometheus.yml no longer targets 127.0.0.1:8080; update this test");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        yml = yml.replace("127.0.0.1:8080", "127.0.0.1:" + servicePort).replace("127.0.0.1:9090", "127.0.0.1:" + port)
                .replace("scrape_interval: 5s", "scrape_interval: 1s");
        Files.createDirectories(workDir);
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, yml);
        Path rules = workDir.resolve("rules");
        Files.createDirectories(rules);
        File repoRules = new File(repo, "prometheus/rules");
        if (repoRules.isDirectory()) {
            for (File f : repoRules.listFiles()) {
                Files.copy(f.toPath(), rules.resolve(f.getName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process p = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("prometheus.log").toFile()).start();
        Prometheus prom = new Prometheus(p, port);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (prom.get("/-/ready").statusCode() == 200) {
                    return prom;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        prom.close();
        throw new IllegalStateException("Prometheus did not get ready; see " + workDir.resolve("prometheus.log"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An instant query through the HTTP API; the result vector. */
    public JsonArray query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonObject o = new JsonObject(r.body());
        if (!"success".equals(o.getString("status"))) {
            throw new IllegalStateException(promql + ": " + r.body());
        }
        return o.getJsonObject("data").getJsonArray("result");
    }

    /** Polls a query until its single value equals {@code expected} or the timeout passes; returns the last value. */
    public double awaitValue(String promql, double expected, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        double last = Double.NaN;
        while (System.currentTimeMillis() < deadline) {
            JsonArray r = query(promql);
            if (r.size() == 1) {
                last = Double.parseDouble(r.getJsonObject(0).getJsonArray("value").getString(1));
                if (last == expected) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        return last;
    }

    /**
     * Waits until every rule group has been evaluated after {@code t} (so recording rules reflect what was
     * scraped by then), or the timeout passes; returns whether they all were.
     */
    public boolean awaitRulesEvaluatedAfter(java.time.Instant t, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            JsonObject o = new JsonObject(get("/api/v1/rules").body());
            JsonArray groups = o.getJsonObject("data").getJsonArray("groups");
            boolean all = !groups.isEmpty();
            for (Object g : groups) {
                String last = ((JsonObject) g).getString("lastEvaluation");
                if (last == null || java.time.OffsetDateTime.parse(last).toInstant().isBefore(t)) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
