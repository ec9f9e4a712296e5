package io.ccpulse.api;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.report.Comparison;
import io.ccpulse.store.ReportStore.ContactRow;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Query parameters of the reporting API, checked at the edge: every problem is collected with a
 * reason, and the request is answered 400 with all of them.
 */
final class ReportParams {

    /** A validated range [from, to) with its grouping (null for the contacts list). */
    record Range(Instant from, Instant to, Periods.Group group, ZoneId zone) {
        ZonedDateTime fromZoned() {
            return from.atZone(zone);
        }

        ZonedDateTime toZoned() {
            return to.atZone(zone);
        }

        List<Periods.Period> periods() {
            return Periods.of(from, to, group, zone);
        }
    }

    private static final Set<String> COMMON = Set.of("from", "to", "format", "access_token");

    private final MultiMap params;
    private final ZoneId zone;
    private final List<String> reasons = new ArrayList<>();

    ReportParams(MultiMap params, ZoneId zone, String... allowed) {
        this.params = params;
        this.zone = zone;
        Set<String> ok = new TreeSet<>(COMMON);
        ok.addAll(Arrays.asList(allowed));
        for (String name : new LinkedHashSet<>(params.names())) {
            if (!ok.contains(name)) {
                reasons.add("unknown parameter '" + name + "'; allowed: " + String.join(", ", ok));
            }
        }
        String format = params.get("format");
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            reasons.add("format: '" + format + "' is not one of csv, json");
        }
    }

    /** Values of a repeatable parameter (also comma-separated); null when absent (no filter). */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : params.getAll(name)) {
            for (String part : v.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    List<String> channels(String name) {
        List<String> l = list(name);
        if (l != null) {
            for (String c : l) {
                if (WireEnum.parse(Channel.class, c) == null) {
                    reasons.add(name + ": '" + c + "' is not one of " + WireEnum.allowed(Channel.class));
                }
            }
        }
        return l;
    }

    String oneOf(String name, String def, String... allowed) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        reasons.add(name + ": '" + v + "' is not one of " + String.join(", ", allowed));
        return def;
    }

    int integer(String name, int def, int min, int max) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                reasons.add(name + ": must be " + min + ".." + max + ", was " + i);
                return def;
            }
            return i;
        } catch (NumberFormatException e) {
            reasons.add(name + ": '" + v + "' is not a whole number");
            return def;
        }
    }

    /**
     * {@code compare=previous,last_year} (either or both, also repeated): the periods to compare the report
     * with ({@link Comparison}); empty when absent.
     */
    List<Comparison.Kind> compare() {
        List<Comparison.Kind> out = new ArrayList<>();
        List<String> l = list("compare");
        if (l != null) {
            for (String c : l) {
                Comparison.Kind k = Comparison.Kind.parse(c);
                if (k == null) {
                    reasons.add("compare: '" + c + "' is not one of previous, last_year");
                } else if (!out.contains(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** The keyset cursor (from a previous page's next_cursor), or null. */
    ContactRow cursor(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (params.get("page") != null) {
            reasons.add("page and cursor: give one of them (page for offset paging, cursor for keyset paging)");
            return null;
        }
        try {
            String[] parts = ReportApi.unb64(v).split("\\|", 3);
            return new ContactRow(parts[2], Integer.parseInt(parts[1]), null, null, null, null, null, null,
                    Instant.parse(parts[0]), 0, null, null);
        } catch (RuntimeException e) {
            reasons.add(name + ": not a cursor returned by this API (next_cursor)");
            return null;
        }
    }

    static String encodeCursor(ContactRow last) {
        return ReportApi.b64(last.leftAt().toString() + "|" + last.seq() + "|" + last.contact());
    }

    /** from and to (required), from before to. */
    Range range() {
        Instant from = time("from");
        Instant to = time("to");
        if (from != null && to != null && !from.isBefore(to)) {
            reasons.add("to: must be after from (the range is [from, to))");
        }
        return new Range(from, to, null, zone);
    }

    /** from, to and group; both on 15-minute boundaries; range not too long for the group. */
    Range groupedRange() {
        Range r = range();
        String g = params.get("group");
        Periods.Group group = g == null || g.isEmpty() ? Periods.Group.HOUR : Periods.Group.parse(g);
        if (group == null) {
            reasons.add("group: '" + g + "' is not one of 15m, hour, day, week, month");
        }
        if (r.from() != null && !Periods.onBucket(r.from())) {
            reasons.add("from: must be on a 15-minute boundary (roll-ups are 15-minute buckets), e.g. "
                    + bucketFloor(r.from()).atZone(zone).toOffsetDateTime());
        }
        if (r.to() != null && !Periods.onBucket(r.to())) {
            reasons.add("to: must be on a 15-minute boundary (roll-ups are 15-minute buckets), e.g. "
                    + bucketFloor(r.to()).atZone(zone).toOffsetDateTime());
        }
        if (group != null && r.from() != null && r.to() != null && r.from().isBefore(r.to())) {
            Duration d = Duration.between(r.from(), r.to());
            if (d.compareTo(group.maxRange) > 0) {
                reasons.add("range too large for group=" + group.wire + ": at most " + group.maxRange.toDays()
                        + " days, asked " + d.toDays() + " days; use a coarser group or a shorter range");
            }
        }
        return new Range(r.from(), r.to(), group, zone);
    }

    private static Instant bucketFloor(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), Periods.BUCKET_MS) * Periods.BUCKET_MS);
    }

    /** An RFC 3339 time with offset, or a date (local midnight in the configured zone). */
    private Instant time(String name) {
        String v = params.get(name);
        String hint = " (an RFC 3339 time like 2026-11-23T00:00:00+01:00, or a date like 2026-11-23 meaning local"
                + " midnight in " + zone.getId() + ")";
        if (v == null || v.isEmpty()) {
            reasons.add(name + ": required" + hint);
            return null;
        }
        try {
            if (v.length() == 10) {
                return Periods.startOfDay(LocalDate.parse(v), zone);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            reasons.add(name + ": '" + v + "' is not a valid time" + hint);
            return null;
        }
    }

    /** Answers 400 with every reason when something was wrong; returns true then. */
    boolean rejectIfInvalid(RoutingContext ctx, BiConsumer<String, String> counter, String report) {
        if (reasons.isEmpty()) {
            return false;
        }
        counter.accept(report, "bad_request");
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "invalid parameters").put("reasons", new JsonArray(reasons))
                        .encode());
        return true;
    }
}
