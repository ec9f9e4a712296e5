package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/** Outcome of one ticket SLA (first response or resolution) once it is decided. */
public enum SlaStatus implements WireEnum {
    /** Responded (resp. resolved) at or before the due time. */
    MET,
    /** The due time passed without response (resp. while the ticket was not resolved). Final. */
    BREACHED;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
