package io.ccpulse.support;

import io.ccpulse.app.Service;
import io.ccpulse.config.Config;
import java.util.HashMap;
import java.util.Map;

/** The real service, in this JVM, on a free port, against a given database. */
public final class RunningService implements AutoCloseable {

    public final Service service;
    public final Http http;

    private RunningService(Service service) {
        this.service = service;
        this.http = new Http(service.port());
    }

    public static RunningService start(Map<String, String> env) {
        return start(Config.load(null, env));
    }

    /** The service with a configuration built by the test (e.g. from a YAML file with queue settings). */
    public static RunningService start(Config config) {
        return start(config, java.time.Clock.systemUTC());
    }

    /** With a fixed clock for the live view (comparisons of two services at the same "now"). */
    public static RunningService start(Config config, java.time.Clock clock) {
        Service s = new Service(config, clock);
        try {
            s.start();
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("service did not start: " + e, e);
        }
        return new RunningService(s);
    }

    public static RunningService start(TestDb db, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(db.serviceEnv());
        env.putAll(extra);
        return start(env);
    }

    public static RunningService start(TestDb db) {
        return start(db, Map.of());
    }

    /** The value of one sample of /metrics, e.g. {@code ccpulse_http_unauthorized_total}, or NaN. */
    public double metric(String seriesWithLabels) {
        for (String line : http.get("/metrics").body().split("\n")) {
            if (line.startsWith(seriesWithLabels + " ")) {
                return Double.parseDouble(line.substring(seriesWithLabels.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        service.close();
    }
}
