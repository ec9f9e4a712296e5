package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/** The first-contact-resolution status of one contact (METRICS.md "FCR"). */
public enum FcrStatus implements WireEnum {
    /** Eligible, window closed, no repeat contact in the window, last wrap not resolved: false. */
    FIRST_CONTACT_RESOLVED,
    /** Eligible, window closed, and a repeat contact in the window or a last wrap with resolved: false. */
    NOT_RESOLVED,
    /** Eligible, but its window has not closed yet: never guessed. */
    PENDING,
    /** Not an answered inbound contact with a customer. */
    NOT_ELIGIBLE;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
