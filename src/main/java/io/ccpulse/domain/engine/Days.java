package io.ccpulse.domain.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Local days of the configured zone (23 or 25 hours on daylight-saving days), with a one-day cache. */
final class Days {
    private final ZoneId zone;
    private long cachedFrom = 1;
    private long cachedTo = 0;
    private LocalDate cachedDate;

    Days(ZoneId zone) {
        this.zone = zone;
    }

    LocalDate date(long ms) {
        if (ms >= cachedFrom && ms < cachedTo) {
            return cachedDate;
        }
        LocalDate d = Instant.ofEpochMilli(ms).atZone(zone).toLocalDate();
        cachedDate = d;
        cachedFrom = start(d);
        cachedTo = start(d.plusDays(1));
        return d;
    }

    long start(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
