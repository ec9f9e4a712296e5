-- Service-desk tickets: the newest version of each TicketFact (docs/DESIGN.md). One row per ticket,
-- upserted: a version replaces the stored row only when it is newer, so writing versions twice or in
-- any order leaves the newest. A hypertable on created_at (which never changes for a ticket), so the
-- unique key holds the time column; a ticket id reused after the engine forgot the old ticket (30 days
-- after its resolution) is a new row. The KPIs of a period are computed from these rows, each at its
-- own time (created_at, first_response_at, resolved_at, response_sla_at, resolution_sla_at).
-- V10 (not V4): numbers in between are left to other work in progress.

CREATE TABLE tickets (
    ticket               text        NOT NULL,
    created_at           timestamptz NOT NULL,
    version              int         NOT NULL,
    updated_at           timestamptz NOT NULL,
    queue                text        NOT NULL,
    priority             text,
    category             text,
    complaint            boolean     NOT NULL,
    customer             text,
    first_response_due   timestamptz,
    resolution_due       timestamptz,
    agent                text,               -- last assigned (else first responder / resolver)
    agent_team           text,               -- that agent's team when it became the ticket's agent
    first_response_at    timestamptz,
    first_response_agent text,
    escalations          int         NOT NULL,
    level                int,
    first_escalated_at   timestamptz,
    resolved_at          timestamptz,        -- last resolution while resolved; null while open
    resolved_by          text,
    resolutions          int         NOT NULL,
    reopens              int         NOT NULL,
    first_reopened_at    timestamptz,
    response_sla         text,               -- met | breached | null (undecided, or no due time)
    response_sla_at      timestamptz,
    resolution_sla       text,
    resolution_sla_at    timestamptz,
    PRIMARY KEY (ticket, created_at)
);
SELECT create_hypertable('tickets', by_range('created_at', INTERVAL '30 days'));
CREATE INDEX tickets_queue_created ON tickets (queue, created_at);
CREATE INDEX tickets_queue_response ON tickets (queue, first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX tickets_queue_resolved ON tickets (queue, resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_queue_response_sla ON tickets (queue, response_sla_at) WHERE response_sla_at IS NOT NULL;
CREATE INDEX tickets_queue_resolution_sla ON tickets (queue, resolution_sla_at) WHERE resolution_sla_at IS NOT NULL;
CREATE INDEX tickets_open ON tickets (queue) WHERE resolved_at IS NULL;
CREATE INDEX tickets_agent ON tickets (agent, created_at);
