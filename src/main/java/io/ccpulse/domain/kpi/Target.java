package io.ccpulse.domain.kpi;

import io.ccpulse.domain.kpi.KpiCatalog.Better;
import io.ccpulse.domain.kpi.KpiCatalog.Scope;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A target for one KPI (METRICS.md "Targets"), for everything (scope null), or for one queue, team or
 * agent, valid from / to local dates (inclusive; null = open).
 *
 * @param kpi    KPI key ({@link KpiCatalog})
 * @param value  target value, >= 0
 * @param better direction
 * @param scope  queue, team or agent; null: a default for everything
 * @param name   the queue, team or agent (null when scope is null)
 * @param from   first day it applies (null: always)
 * @param to     last day it applies (null: always)
 * @param origin where it was defined, for messages (e.g. {@code targets[3]})
 */
public record Target(String kpi, double value, Better better, Scope scope, String name, LocalDate from, LocalDate to,
                     String origin) {

    public Target {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(better, "better");
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("target of " + kpi + " must be a finite number >= 0, was " + value);
        }
        if ((scope == null) != (name == null)) {
            throw new IllegalArgumentException("scope and name go together");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("target of " + kpi + ": to " + to + " is before from " + from);
        }
    }

    /** Whether it applies on {@code day}. */
    public boolean validOn(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** Whether the validity periods of two targets share a day. */
    public boolean overlaps(Target o) {
        LocalDate a1 = from == null ? LocalDate.MIN : from;
        LocalDate a2 = to == null ? LocalDate.MAX : to;
        LocalDate b1 = o.from == null ? LocalDate.MIN : o.from;
        LocalDate b2 = o.to == null ? LocalDate.MAX : o.to;
        return !a2.isBefore(b1) && !b2.isBefore(a1);
    }

    /** Attainment of an actual value (0..1.2). */
    public double attainment(double actual) {
        return Attainment.of(actual, value, better.higher());
    }
}
