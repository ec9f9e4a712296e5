-- Interval roll-ups: additive sums and counts per UTC-aligned 15-minute bucket
-- (time_bucket('15 minutes', t)), maintained by the FactWriter in the same transaction as the facts,
-- from exactly the facts that transaction inserted (see docs/HISTORY.md "Roll-ups"). Any coarser range
-- (hour, local day, week, month, arbitrary from/to on 15-minute boundaries) is exact by summing.
-- Columns that depend on settings (short abandons, in threshold, CSAT positive, FRT within target)
-- were classified with the queue settings in force when the fact was written; `ccpulse rollups
-- rebuild` recomputes a range from the facts with the current settings.
--
-- Hypertables on the bucket, so that retention drops whole chunks.

CREATE TABLE rollup_queue (
    bucket                        timestamptz NOT NULL,
    queue                         text        NOT NULL,
    channel                       text        NOT NULL,
    -- queue visits, counted in the bucket in which they left the queue
    answered                      bigint NOT NULL DEFAULT 0,
    abandoned                     bigint NOT NULL DEFAULT 0,   -- short abandons excluded
    short_abandoned               bigint NOT NULL DEFAULT 0,
    flowed_out                    bigint NOT NULL DEFAULT 0,
    blocked                       bigint NOT NULL DEFAULT 0,
    answered_in_threshold         bigint NOT NULL DEFAULT 0,
    abandoned_in_threshold        bigint NOT NULL DEFAULT 0,   -- short abandons excluded
    wait_answered_ms              bigint NOT NULL DEFAULT 0,
    wait_abandoned_ms             bigint NOT NULL DEFAULT 0,   -- short abandons excluded
    wait_short_abandoned_ms       bigint NOT NULL DEFAULT 0,
    max_wait_ms                   bigint NOT NULL DEFAULT -1,  -- answered + abandoned (short too); -1 = none
    -- handle segments, counted in the bucket in which their ACW ended
    segments                      bigint NOT NULL DEFAULT 0,
    talk_ms                       bigint NOT NULL DEFAULT 0,
    hold_ms                       bigint NOT NULL DEFAULT 0,
    acw_ms                        bigint NOT NULL DEFAULT 0,
    transferred                   bigint NOT NULL DEFAULT 0,
    wrapped_with_flag             bigint NOT NULL DEFAULT 0,
    resolved_true                 bigint NOT NULL DEFAULT 0,
    outbound_segments             bigint NOT NULL DEFAULT 0,
    -- contacts (entry queue), counted in the bucket in which they ended
    first_responses               bigint NOT NULL DEFAULT 0,
    first_response_ms             bigint NOT NULL DEFAULT 0,
    first_responses_within_target bigint NOT NULL DEFAULT 0,
    inbound_contacts              bigint NOT NULL DEFAULT 0,
    -- surveys, counted in the bucket of the survey
    surveys                       bigint NOT NULL DEFAULT 0,
    csat_responses                bigint NOT NULL DEFAULT 0,
    csat_positive                 bigint NOT NULL DEFAULT 0,
    csat_sum                      bigint NOT NULL DEFAULT 0,
    nps_responses                 bigint NOT NULL DEFAULT 0,
    promoters                     bigint NOT NULL DEFAULT 0,
    detractors                    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, queue, channel)
);
SELECT create_hypertable('rollup_queue', by_range('bucket', INTERVAL '30 days'));
CREATE INDEX rollup_queue_queue ON rollup_queue (queue, bucket);

-- Per agent and team ('' when the fact had no team). Agent state spans are split across the buckets
-- they span.
CREATE TABLE rollup_agent (
    bucket             timestamptz NOT NULL,
    agent              text        NOT NULL,
    team               text        NOT NULL,
    available_ms       bigint NOT NULL DEFAULT 0,
    ringing_ms         bigint NOT NULL DEFAULT 0,
    on_contact_ms      bigint NOT NULL DEFAULT 0,
    acw_state_ms       bigint NOT NULL DEFAULT 0,   -- timeline ACW (not the segments' ACW sum)
    away_ms            bigint NOT NULL DEFAULT 0,
    segments           bigint NOT NULL DEFAULT 0,
    talk_ms            bigint NOT NULL DEFAULT 0,
    hold_ms            bigint NOT NULL DEFAULT 0,
    acw_ms             bigint NOT NULL DEFAULT 0,
    transferred        bigint NOT NULL DEFAULT 0,
    wrapped_with_flag  bigint NOT NULL DEFAULT 0,
    resolved_true      bigint NOT NULL DEFAULT 0,
    outbound_segments  bigint NOT NULL DEFAULT 0,
    surveys            bigint NOT NULL DEFAULT 0,
    csat_responses     bigint NOT NULL DEFAULT 0,
    csat_positive      bigint NOT NULL DEFAULT 0,
    csat_sum           bigint NOT NULL DEFAULT 0,
    nps_responses      bigint NOT NULL DEFAULT 0,
    promoters          bigint NOT NULL DEFAULT 0,
    detractors         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, agent, team)
);
SELECT create_hypertable('rollup_agent', by_range('bucket', INTERVAL '30 days'));
CREATE INDEX rollup_agent_team ON rollup_agent (team, bucket);

-- Away time by reason ('' when none was given).
CREATE TABLE rollup_agent_away (
    bucket  timestamptz NOT NULL,
    agent   text        NOT NULL,
    team    text        NOT NULL,
    reason  text        NOT NULL,
    away_ms bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, agent, team, reason)
);
SELECT create_hypertable('rollup_agent_away', by_range('bucket', INTERVAL '30 days'));

-- Events the live engine did not apply because they were more than the allowed lateness behind the
-- newest event it had seen. Restart recovery replays the stored events without these, so that the
-- rebuilt state is the one the engine had. Written through the FactWriter, in order with the facts.
CREATE TABLE late_events (
    id   text PRIMARY KEY,
    time timestamptz NOT NULL       -- the event's time (for retention)
);

-- FCR in reports: a contact's repeat is looked up by customer and start, among the contacts facts
-- (index contacts_customer of V2) and, for contacts not over yet, their first queue visit.
CREATE INDEX queue_visits_customer ON queue_visits (customer, queued_at) WHERE seq = 1;

-- Agent state spans are looked up by their end too (roll-up rebuilds of a range).
CREATE INDEX agent_states_end ON agent_states (end_at);
