-- Day scores of every agent and team, as GET /v1/reports/scorecards?group=day computes them, stored
-- by the service every reports.scorecard_days_every (15 min) for today and yesterday, so that
-- Grafana (which cannot call the API) can chart and rank them. A day's rows are replaced whole at
-- each run: the table is a cache of the API, never a source for it. Days are local days of the
-- service's time_zone. A team row has agent = ''; an agent without a team has team = ''.
-- V12 (V11: settled FCR counts).
CREATE TABLE scorecard_days (
    day         date             NOT NULL,
    team        text             NOT NULL,
    agent       text             NOT NULL,
    scorecard   text             NOT NULL,
    score       double precision,           -- null: no KPI of the card had data and a target
    coverage    double precision,           -- share of the card's weight that had both
    rank        int,                        -- agents: rank within the team by score (1 = best)
    items       jsonb            NOT NULL,  -- [{kpi, weight, direction, actual, target, attainment, contribution}]
    computed_at timestamptz      NOT NULL,
    PRIMARY KEY (day, team, agent)
);
CREATE INDEX scorecard_days_agent ON scorecard_days (agent, day);

