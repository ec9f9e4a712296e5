package io.ccpulse.domain.settings;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A queue's business-hours calendar for ticket SLA clocks: open spans per weekday in a time zone, and
 * holidays (closed all day). An SLA duration of the policy counts only open time: a ticket created on
 * Friday at 17:00 with 4 h to respond, in a desk open 08:00-18:00 on weekdays, is due on Monday at
 * 11:00. Outside the open hours the clock stands still; a ticket created while closed starts its clock
 * at the next opening. Due times carried by the event are taken as they are.
 *
 * <p>Spans are minutes of the local day, [start, end), end up to 24:00 (1440), not overlapping. Local
 * times that a daylight-saving change skips or repeats are resolved as {@link java.time.ZonedDateTime#of}
 * does (a skipped 02:30 is 03:30), so a span's length in real time may differ by the change on those days.
 *
 * @param zone     the calendar's time zone
 * @param week     open spans per weekday (a day not in the map is closed)
 * @param holidays local dates closed all day
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Span>> week, Set<LocalDate> holidays) {

    /** An open span of a day, in minutes since local midnight: [startMin, endMin). */
    public record Span(int startMin, int endMin) implements Comparable<Span> {
        public Span {
            if (startMin < 0 || endMin > 1440 || startMin >= endMin) {
                throw new IllegalArgumentException("a span runs from 00:00 to 24:00 and ends after it starts, was "
                        + text(startMin) + "-" + text(endMin));
            }
        }

        @Override
        public int compareTo(Span o) {
            return Integer.compare(startMin, o.startMin);
        }

        @Override
        public String toString() {
            return text(startMin) + "-" + text(endMin);
        }

        private static String text(int min) {
            return String.format("%02d:%02d", min / 60, min % 60);
        }
    }

    public BusinessHours {
        Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, List<Span>> w = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, spans) -> {
            List<Span> sorted = new ArrayList<>(spans);
            Collections.sort(sorted);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).startMin() < sorted.get(i - 1).endMin()) {
                    throw new IllegalArgumentException(day + ": spans " + sorted.get(i - 1) + " and " + sorted.get(i)
                            + " overlap");
                }
            }
            if (!sorted.isEmpty()) {
                w.put(day, List.copyOf(sorted));
            }
        });
        if (w.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one open span in the week");
        }
        week = Collections.unmodifiableMap(w);
        holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    }

    /**
     * The instant at which {@code amount} of open time has passed since {@code start}.
     *
     * @param amount positive
     */
    public Instant add(Instant start, Duration amount) {
        long remaining = amount.toMillis();
        if (remaining <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        LocalDate day = LocalDate.ofInstant(start, zone);
        // holidays could close every open day for a while; a calendar closed for 20 years is a mistake
        for (int guard = 0; guard < 366 * 20; guard++, day = day.plusDays(1)) {
            List<Span> spans = week.get(day.getDayOfWeek());
            if (spans == null || holidays.contains(day)) {
                continue;
            }
            for (Span s : spans) {
                long from = at(day, s.startMin()).toEpochMilli();
                long to = at(day, s.endMin()).toEpochMilli();
                long begin = Math.max(from, start.toEpochMilli());
                if (begin >= to) {
                    continue;
                }
                if (remaining <= to - begin) {
                    return Instant.ofEpochMilli(begin + remaining);
                }
                remaining -= to - begin;
            }
        }
        throw new IllegalStateException("no open time within 20 years after " + start);
    }

    /** Open time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration openBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        long total = 0;
        for (LocalDate day = LocalDate.ofInstant(from, zone); !at(day, 0).isAfter(to); day = day.plusDays(1)) {
            List<Span> spans = week.get(day.getDayOfWeek());
            if (spans == null || holidays.contains(day)) {
                continue;
            }
            for (Span s : spans) {
                long a = Math.max(at(day, s.startMin()).toEpochMilli(), from.toEpochMilli());
                long b = Math.min(at(day, s.endMin()).toEpochMilli(), to.toEpochMilli());
                total += Math.max(0, b - a);
            }
        }
        return Duration.ofMillis(total);
    }

    private Instant at(LocalDate day, int minute) {
        return minute == 1440 ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : day.atTime(minute / 60, minute % 60).atZone(zone).toInstant();
    }
}
