package io.ccpulse.ingest;

import io.ccpulse.store.EventWriter;
import io.ccpulse.store.Overloaded;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/events}: parses a JSON object, a JSON array or NDJSON, validates every event,
 * stores the valid ones through the {@link EventWriter} and answers once they are committed.
 *
 * <p>Status codes: 200 when at least one event was valid (the body lists the rejected ones),
 * 422 when every event was rejected, 400 for a body that is not JSON at all, 413 for a body or
 * batch over the limit, 415 for another content type, 503 with Retry-After when the write path is
 * full, the live engine is behind, or the database is down (nothing of that request was stored; retry it whole).
 */
public final class IngestHandler {

    private final EventParser parser;
    private final EventWriter writer;
    private final IngestMetrics metrics;
    private final int maxBatch;
    private final long latenessMs;
    private final LongSupplier clock;
    /** Newest event time stored so far; an event older than this minus the lateness is late. */
    private final AtomicLong newestEventMs = new AtomicLong(Long.MIN_VALUE);

    public IngestHandler(EventParser parser, EventWriter writer, IngestMetrics metrics, int maxBatch, long latenessMs,
                         LongSupplier clock) {
        this.parser = parser;
        this.writer = writer;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.latenessMs = latenessMs;
        this.clock = clock;
    }

    /** Lets the handler know the newest event time already stored (after a restart). */
    public void seedNewestEventTime(long millis) {
        newestEventMs.accumulateAndGet(millis, Math::max);
        metrics.eventTime(millis);
    }

    public void handle(RoutingContext ctx, String source) {
        String contentType = mediaType(ctx.request().getHeader("Content-Type"));
        List<Object> items;
        List<String> raws;
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            metrics.requestRejected(Rejection.MALFORMED);
            error(ctx, 400, "the body is empty; send one event, an array of events or NDJSON lines");
            return;
        }
        try {
            writer.checkEngineKeepsUp(); // it would be refused anyway: do not parse the body
        } catch (Overloaded o) {
            overloaded(ctx, o);
            return;
        }
        try {
            if ("application/json".equals(contentType)) {
                raws = new ArrayList<>();
                items = jsonItems(body, raws);
            } else if ("application/x-ndjson".equals(contentType) || "application/ndjson".equals(contentType)) {
                raws = new ArrayList<>();
                items = ndjsonItems(body, raws);
            } else {
                metrics.requestRejected("unsupported_media_type");
                error(ctx, 415, "Content-Type must be application/json or application/x-ndjson, got "
                        + (contentType == null ? "none" : contentType));
                return;
            }
        } catch (DecodeException e) {
            metrics.requestRejected(Rejection.MALFORMED);
            error(ctx, 400, "body is not valid JSON: " + e.getMessage());
            return;
        }
        if (items.size() > maxBatch) {
            metrics.requestRejected("too_large");
            error(ctx, 413, "the batch holds " + items.size() + " events; the limit is " + maxBatch);
            return;
        }
        long now = clock.getAsLong();
        List<ParsedEvent> valid = new ArrayList<>(items.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Rejection) {
                rejected.add((Rejection) item);
                continue;
            }
            EventParser.Result r = parser.parse(item, raws.get(i), i, now);
            if (r.rejection() != null) {
                rejected.add(r.rejection());
            } else {
                valid.add(r.event());
            }
        }
        for (Rejection r : rejected) {
            Object o = items.get(r.index());
            metrics.rejected(o instanceof JsonObject ? ((JsonObject) o).getValue("type") instanceof String
                    ? ((JsonObject) o).getString("type") : null : null, r.category());
        }
        if (valid.isEmpty()) {
            respond(ctx, items.size() == 0 ? 200 : 422, items.size(), valid, new boolean[0], new boolean[0], rejected);
            return;
        }
        long newest = newestEventMs.get();
        long watermark = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - latenessMs;
        boolean[] late = new boolean[valid.size()];
        for (int i = 0; i < late.length; i++) {
            late[i] = valid.get(i).event().time().toEpochMilli() < watermark;
        }
        Future<boolean[]> stored;
        try {
            stored = Future.fromCompletionStage(writer.submit(source, valid, late), ctx.vertx().getOrCreateContext());
        } catch (Overloaded o) {
            overloaded(ctx, o);
            return;
        }
        int received = items.size();
        stored.onSuccess(isNew -> {
            for (int i = 0; i < isNew.length; i++) {
                ParsedEvent p = valid.get(i);
                metrics.result(p.event().type(), isNew[i] ? (late[i] ? "late" : "accepted") : "duplicate");
                if (isNew[i]) {
                    long t = p.event().time().toEpochMilli();
                    newestEventMs.accumulateAndGet(t, Math::max);
                    metrics.eventTime(source, t);
                }
            }
            respond(ctx, 200, received, valid, isNew, late, rejected);
        }).onFailure(e -> {
            metrics.overloaded("database_down");
            unavailable(ctx, 2, "the events could not be stored (" + e.getClass().getSimpleName()
                    + "); nothing of this request was stored; retry");
        });
    }

    /**
     * A JSON body: one object or an array of events; {@code raws} gets, per item, the request's own text of
     * it (stored as is when valid, see {@link RawJson}) or null.
     */
    static List<Object> jsonItems(Buffer body, List<String> raws) {
        Object parsed = Json.decodeValue(body);
        List<Object> out = new ArrayList<>();
        if (parsed instanceof JsonArray) {
            JsonArray array = (JsonArray) parsed;
            for (Object o : array) {
                out.add(o);
            }
            List<String> slices = RawJson.arrayElements(body, out.size());
            for (int i = 0; i < out.size(); i++) {
                raws.add(slices == null ? null : slices.get(i));
            }
        } else if (parsed instanceof JsonObject) {
            out.add(parsed);
            raws.add(RawJson.whole(body.toString()));
        } else {
            throw new DecodeException("expected an event object or an array of events");
        }
        return out;
    }

    /**
     * NDJSON: one event per non-blank line; a broken line becomes a rejection, the others go on. {@code raws}
     * gets the text of each line (null where not usable as stored text).
     */
    static List<Object> ndjsonItems(Buffer body, List<String> raws) {
        String text = body.toString();
        List<Object> out = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            int index = out.size();
            try {
                out.add(Json.decodeValue(line));
                raws.add(RawJson.whole(line));
            } catch (DecodeException e) {
                raws.add(null);
                out.add(new Rejection(index, null, "", "line " + lineNo + " is not valid JSON: "
                        + firstLine(e.getMessage()), Rejection.MALFORMED));
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String mediaType(String header) {
        if (header == null) {
            return null;
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static void respond(RoutingContext ctx, int status, int received, List<ParsedEvent> valid, boolean[] isNew,
                                boolean[] late, List<Rejection> rejected) {
        int accepted = 0;
        int duplicates = 0;
        JsonArray lateList = new JsonArray();
        for (int i = 0; i < isNew.length; i++) {
            if (isNew[i]) {
                accepted++;
                if (late[i]) {
                    lateList.add(new JsonObject().put("index", valid.get(i).index()).put("id", valid.get(i).event().id()));
                }
            } else {
                duplicates++;
            }
        }
        JsonArray errors = new JsonArray();
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        for (Rejection r : rejected) {
            errors.add(new JsonObject().put("index", r.index()).put("id", r.id()).put("field", r.field())
                    .put("reason", r.reason()));
        }
        JsonObject body = new JsonObject()
                .put("received", received)
                .put("accepted", accepted)
                .put("duplicates", duplicates)
                .put("rejected", errors)
                .put("late", lateList);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** 503 for a refused request, counted by reason; the engine catches up faster than a queue drains. */
    private void overloaded(RoutingContext ctx, Overloaded o) {
        metrics.overloaded(o.reason());
        unavailable(ctx, "engine_behind".equals(o.reason()) ? 1 : 2, o.getMessage());
    }

    private static void unavailable(RoutingContext ctx, int retryAfterSeconds, String message) {
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        error(ctx, 503, message);
    }

    static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
