-- FCR settled (docs/HISTORY.md "FCR: settled once the window has closed"). A contact's FCR status
-- cannot change once its window has closed and every repeat that could have started inside the
-- window is stored, so the service settles it once (FcrSettler): the status goes on the contact
-- (fcr_resolved; null = not settled) and its counts into the roll-ups of the bucket in which the
-- contact ended, for its entry queue and channel, and for its first agent and team. Reports add the
-- settled counts from the roll-ups and compute only the contacts not settled yet from the facts.

ALTER TABLE contacts ADD COLUMN fcr_resolved boolean;

ALTER TABLE rollup_queue ADD COLUMN fcr_resolved bigint NOT NULL DEFAULT 0;
ALTER TABLE rollup_queue ADD COLUMN fcr_closed bigint NOT NULL DEFAULT 0;
ALTER TABLE rollup_agent ADD COLUMN fcr_resolved bigint NOT NULL DEFAULT 0;
ALTER TABLE rollup_agent ADD COLUMN fcr_closed bigint NOT NULL DEFAULT 0;

-- The eligible contacts not settled yet: what reports still compute from the facts, and what the
-- settler looks at. Small once settled (the last fcr_window or so of contacts).
CREATE INDEX contacts_fcr_unsettled ON contacts (ended_at)
    WHERE fcr_resolved IS NULL AND answered AND customer IS NOT NULL AND direction <> 'outbound';

-- The settle horizon: every repeat contact that started at or before it was stored when it was
-- reached, so a contact whose window ended at or before it can be settled. Only moves forward.
-- `ccpulse rollups rebuild` settles its range again up to it (with the settings of the rebuild).
CREATE TABLE fcr_settle (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    horizon timestamptz NOT NULL
);

-- Percentiles from the roll-ups (docs/HISTORY.md "Percentiles"): each bucket keeps the waits of its
-- visits that count in the wait statistics (answered and abandoned, short ones too) and the first
-- response times of its contacts, sorted, so that a report takes the exact nearest-rank percentiles of
-- any range from the roll-up rows it reads anyway, without a sort over the facts. Filled from the
-- facts still stored.
ALTER TABLE rollup_queue ADD COLUMN waits_ms bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE rollup_queue ADD COLUMN first_responses_ms bigint[] NOT NULL DEFAULT '{}';

UPDATE rollup_queue r SET waits_ms = w.a
FROM (SELECT time_bucket('15 minutes', left_at) AS bucket, queue, channel, array_agg(wait_ms ORDER BY wait_ms) AS a
      FROM queue_visits WHERE outcome IN ('answered', 'abandoned') GROUP BY 1, 2, 3) w
WHERE r.bucket = w.bucket AND r.queue = w.queue AND r.channel = w.channel;

UPDATE rollup_queue r SET first_responses_ms = w.a
FROM (SELECT time_bucket('15 minutes', ended_at) AS bucket, entry_queue, channel,
             array_agg(first_response_ms ORDER BY first_response_ms) AS a
      FROM contacts WHERE first_response_ms IS NOT NULL AND entry_queue IS NOT NULL AND channel IS NOT NULL
      GROUP BY 1, 2, 3) w
WHERE r.bucket = w.bucket AND r.queue = w.entry_queue AND r.channel = w.channel;

-- Concatenates the arrays of a group (a period's buckets).
CREATE AGGREGATE ccpulse_array_cat(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray, INITCOND = '{}');
