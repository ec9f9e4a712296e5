-- Facts: the final, deterministic output of the live engine (one row per fact, keyed so that a
-- replay writes nothing twice). Each is a hypertable on the time that places it in an interval
-- (METRICS.md "Interval"); unique keys contain that time, as hypertables require.

CREATE TABLE queue_visits (
    contact   text        NOT NULL,
    seq       int         NOT NULL,
    queue     text        NOT NULL,
    channel   text        NOT NULL,
    direction text        NOT NULL,
    customer  text,
    priority  text,
    queued_at timestamptz NOT NULL,
    left_at   timestamptz NOT NULL,
    wait_ms   bigint      NOT NULL,
    outcome   text        NOT NULL,   -- answered | abandoned | flowed_out | blocked
    agent     text,
    PRIMARY KEY (contact, seq, left_at)
);
SELECT create_hypertable('queue_visits', by_range('left_at', INTERVAL '7 days'));
CREATE INDEX queue_visits_queue ON queue_visits (queue, left_at DESC);

CREATE TABLE handle_segments (
    contact     text        NOT NULL,
    seq         int         NOT NULL,
    agent       text        NOT NULL,
    team        text,
    queue       text,
    channel     text        NOT NULL,
    direction   text        NOT NULL,
    customer    text,
    answered_at timestamptz NOT NULL,
    talk_end_at timestamptz NOT NULL,
    acw_end_at  timestamptz NOT NULL,
    talk_ms     bigint      NOT NULL,
    hold_ms     bigint      NOT NULL,
    acw_ms      bigint      NOT NULL,
    transferred boolean     NOT NULL,
    resolved    boolean,
    disposition text,
    acw_end     text        NOT NULL,  -- wrapped | next_activity | cap
    PRIMARY KEY (contact, seq, acw_end_at)
);
SELECT create_hypertable('handle_segments', by_range('acw_end_at', INTERVAL '7 days'));
CREATE INDEX handle_segments_agent ON handle_segments (agent, acw_end_at DESC);
CREATE INDEX handle_segments_queue ON handle_segments (queue, acw_end_at DESC);

CREATE TABLE agent_states (
    agent    text        NOT NULL,
    team     text,
    state    text        NOT NULL,     -- available | ringing | on_contact | acw | away
    reason   text,
    start_at timestamptz NOT NULL,
    end_at   timestamptz NOT NULL,
    PRIMARY KEY (agent, start_at)
);
SELECT create_hypertable('agent_states', by_range('start_at', INTERVAL '7 days'));

CREATE TABLE surveys (
    event_id text        NOT NULL,
    contact  text        NOT NULL,
    time     timestamptz NOT NULL,
    csat     smallint,
    nps      smallint,
    queue    text,
    channel  text,
    agent    text,
    team     text,
    PRIMARY KEY (event_id, time)
);
SELECT create_hypertable('surveys', by_range('time', INTERVAL '7 days'));

CREATE TABLE contacts (
    contact       text        NOT NULL,
    customer      text,
    direction     text        NOT NULL,
    channel       text,
    entry_queue   text,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz NOT NULL,
    answered      boolean     NOT NULL,
    first_agent   text,
    first_team    text,
    last_resolved boolean,
    first_response_ms bigint,      -- chat/email/messaging: first agent message - first queued
    PRIMARY KEY (contact, ended_at)
);
SELECT create_hypertable('contacts', by_range('ended_at', INTERVAL '7 days'));
CREATE INDEX contacts_customer ON contacts (customer, started_at);
