package io.ccpulse.ingest;

/** Thrown inside {@link EventParser} to stop at the first problem of an event. */
final class InvalidEvent extends Exception {

    final String field;
    final String category;

    InvalidEvent(String field, String reason, String category) {
        super(reason, null, false, false);
        this.field = field;
        this.category = category;
    }
}
