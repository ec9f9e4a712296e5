package io.ccpulse.sim.send;

import io.ccpulse.sim.SimEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Posts batches of events to {@code POST /v1/events} as NDJSON with the JDK HTTP client (HTTP/1.1,
 * keep-alive) and does not give up: a batch is sent again, byte for byte, until the server has
 * answered it (its events carry the same ids, so a batch the server stored but could not answer
 * comes back as duplicates, never twice). 503 and 429 wait for {@code Retry-After}; connection
 * errors and other 5xx wait with a growing pause (the service may start after the simulator);
 * 413 splits the batch. 401/403 end the run ({@link Unauthorized}); another 4xx is a bug
 * ({@link Refused}). Single-threaded.
 */
public final class BatchSender {

    /** Sleeps; tests pass one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** The server refused the token. */
    public static final class Unauthorized extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unauthorized(String message) {
            super(message);
        }
    }

    /** The server refused the request for a reason that a retry cannot fix. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final long DEFAULT_RETRY_AFTER_MS = 2_000;
    private static final long MAX_RETRY_AFTER_MS = 120_000;
    private static final long[] BACKOFF_MS = {500, 1_000, 2_000, 4_000, 5_000};
    private static final int MAX_REPORTED_REJECTIONS = 20;

    private final HttpClient client;
    private final URI uri;
    private final String token;
    private final Sleeper sleeper;
    private final PrintStream log;
    private final LongSupplier wallMillis;

    private long sent;
    private long accepted;
    private long duplicates;
    private long rejected;
    private long late;
    private long retries;
    private long requests;
    private int reportedRejections;
    private long unreachableSince = -1;
    private long lastUnreachableLog;

    /**
     * @param eventsUri  the full URI of the ingest endpoint, e.g. {@code http://127.0.0.1:8080/v1/events}
     * @param token      bearer token
     * @param sleeper    how to wait between attempts
     * @param log        where problems and reconnects are reported (stderr)
     * @param wallMillis the wall clock (for Retry-After dates and log pacing)
     */
    public BatchSender(URI eventsUri, String token, Sleeper sleeper, PrintStream log, LongSupplier wallMillis) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.uri = eventsUri;
        this.token = token;
        this.sleeper = sleeper;
        this.log = log;
        this.wallMillis = wallMillis;
    }

    /**
     * Posts an empty batch, so a wrong token or URL shows at once rather than with the first
     * events; waits (like {@link #send}) while the service is not up yet.
     */
    public void probe() throws InterruptedException {
        // one blank line, not an empty body: the service answered a body of length 0 with 500
        // (ctx.body().buffer() is null then); a blank NDJSON line is a valid batch of 0 events
        post(List.of(), "\n");
    }

    /** Sends the events (in this order) and returns once the server has answered them with 2xx. */
    public void send(List<SimEvent> batch) throws InterruptedException {
        if (!batch.isEmpty()) {
            post(batch, null);
        }
    }

    private void post(List<SimEvent> batch, String fixedBody) throws InterruptedException {
        String text = fixedBody;
        if (text == null) {
            StringBuilder body = new StringBuilder(batch.size() * 180);
            for (SimEvent e : batch) {
                body.append(e.json()).append('\n');
            }
            text = body.toString();
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        int attempt = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                requests++;
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                unreachable(e);
                retries++;
                sleeper.sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
                continue;
            }
            reachable();
            int status = response.statusCode();
            if (status / 100 == 2 || status == 422) {
                count(response.body(), batch.size());
                return;
            }
            if (status == 401 || status == 403) {
                throw new Unauthorized("the server at " + uri + " refused the token (HTTP " + status + "): pass one of "
                        + "its ingest tokens with --token or CCPULSE_DEMO_TOKEN (the server reads them from "
                        + "CCPULSE_INGEST_TOKENS)");
            }
            if (status == 503 || status == 429) {
                retries++;
                sleeper.sleep(retryAfterMillis(response));
                continue;
            }
            if (status == 413 && batch.size() > 1) {
                int half = batch.size() / 2;
                log.println("ccpulse simulate: the server found a batch of " + batch.size()
                        + " events too large; sending it in halves (lower --batch-max)");
                post(batch.subList(0, half), null);
                post(batch.subList(half, batch.size()), null);
                return;
            }
            if (status >= 500) {
                retries++;
                log.println("ccpulse simulate: the server answered " + status + " (" + firstLine(response.body())
                        + "); sending the batch again");
                sleeper.sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
                continue;
            }
            throw new Refused("the server at " + uri + " refused a batch with HTTP " + status + ": "
                    + firstLine(response.body()));
        }
    }

    private void count(String body, int size) {
        sent += size;
        JsonObject o;
        try {
            o = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            accepted += size;
            return;
        }
        accepted += o.getInteger("accepted", 0);
        duplicates += o.getInteger("duplicates", 0);
        JsonArray rej = o.getJsonArray("rejected", new JsonArray());
        JsonArray lateOnes = o.getJsonArray("late", new JsonArray());
        rejected += rej.size();
        late += lateOnes.size();
        for (int i = 0; i < rej.size() && reportedRejections < MAX_REPORTED_REJECTIONS; i++) {
            reportedRejections++;
            log.println("ccpulse simulate: event rejected by the server: " + rej.getValue(i)
                    + (reportedRejections == MAX_REPORTED_REJECTIONS ? " (no more rejections reported)" : ""));
        }
    }

    /** Retry-After in seconds or as an HTTP date; 2 s when missing; between 0.1 s and 2 min. */
    long retryAfterMillis(HttpResponse<?> response) {
        String v = response.headers().firstValue("Retry-After").orElse(null);
        long ms = DEFAULT_RETRY_AFTER_MS;
        if (v != null) {
            v = v.trim();
            try {
                ms = (long) (Double.parseDouble(v) * 1000);
            } catch (NumberFormatException notSeconds) {
                try {
                    ms = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                            - wallMillis.getAsLong();
                } catch (DateTimeParseException notDate) {
                    ms = DEFAULT_RETRY_AFTER_MS;
                }
            }
        }
        return Math.max(100, Math.min(MAX_RETRY_AFTER_MS, ms));
    }

    private void unreachable(IOException e) {
        long now = wallMillis.getAsLong();
        if (unreachableSince < 0) {
            unreachableSince = now;
            lastUnreachableLog = now;
            log.println("ccpulse simulate: cannot reach " + uri + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); retrying until it answers");
        } else if (now - lastUnreachableLog >= 30_000) {
            lastUnreachableLog = now;
            log.println("ccpulse simulate: still waiting for " + uri + " (" + (now - unreachableSince) / 1000 + " s)");
        }
    }

    private void reachable() {
        if (unreachableSince >= 0) {
            log.println("ccpulse simulate: " + uri + " answers again after "
                    + (wallMillis.getAsLong() - unreachableSince) / 1000 + " s");
            unreachableSince = -1;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Events in batches the server answered 2xx (each batch counted once, whatever the retries). */
    public long sent() {
        return sent;
    }

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejected() {
        return rejected;
    }

    public long late() {
        return late;
    }

    /** Attempts that had to be repeated (overload, outage, 5xx). */
    public long retries() {
        return retries;
    }

    /** HTTP requests made, retries included. */
    public long requests() {
        return requests;
    }

    /** One line: sent, accepted, duplicates, rejected, late, retries. */
    public String counters() {
        return "sent " + sent + ", accepted " + accepted + ", duplicates " + duplicates + ", rejected " + rejected
                + ", late " + late + ", retries " + retries;
    }
}
