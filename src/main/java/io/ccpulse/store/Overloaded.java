package io.ccpulse.store;

/** The write path cannot take more right now; the sender should retry after a short while. */
public final class Overloaded extends Exception {

    private final String reason;

    public Overloaded(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Metric label: queue_full, engine_behind or database_down. */
    public String reason() {
        return reason;
    }
}
