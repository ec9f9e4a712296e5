-- Raw events: every accepted event, verbatim, partitioned by event time.
-- Deduplication is on the event id alone (EVENTS.md: "a second event with an id already seen is a
-- duplicate"), which a hypertable cannot enforce by itself (its unique indexes must contain the
-- time column), so the ids live in a plain table with a primary key, written in the same
-- transaction as the events.
CREATE TABLE events (
    id          text        NOT NULL,
    type        text        NOT NULL,
    time        timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    source      text        NOT NULL,
    late        boolean     NOT NULL DEFAULT false,
    payload     jsonb       NOT NULL
);
SELECT create_hypertable('events', by_range('time', INTERVAL '1 day'));

CREATE TABLE event_ids (
    id   text PRIMARY KEY,
    time timestamptz NOT NULL
);
