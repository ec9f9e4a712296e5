import json
DS = {"type": "grafana-postgresql-datasource", "uid": "timescaledb"}
def var(name, label, sql):
    return {"name": name, "label": label, "type": "query", "datasource": DS, "query": sql, "definition": sql,
            "refresh": 2, "includeAll": True, "multi": True, "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
            "sort": 1, "hide": 0, "options": [], "regex": "", "skipUrlSync": False}
class P:
    def __init__(s): s.n = 0; s.panels = []
    def add(s, typ, title, desc, sqls, gp, fmt="time_series", unit=None, extra=None, interval="15m", fc=None):
        s.n += 1
        t = [{"datasource": DS, "refId": chr(65+i), "rawQuery": True, "editorMode": "code", "format": fmt, "rawSql": q}
             for i, q in enumerate(sqls)]
        p = {"id": s.n, "type": typ, "title": title, "description": desc, "datasource": DS, "gridPos": gp, "targets": t,
             "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": []}, "options": {}}
        if interval and typ in ("timeseries", "barchart"): p["interval"] = interval
        if typ == "timeseries":
            p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "spanNulls": False}
            p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True, "calcs": ["mean", "max"]},
                            "tooltip": {"mode": "multi", "sort": "none"}}
        if fc: p["fieldConfig"]["defaults"].update(fc)
        if extra: p.update(extra)
        s.panels.append(p)
def gp(x, y, w, h): return {"x": x, "y": y, "w": w, "h": h}
def dash(uid, title, desc, tags, variables, panels):
    return {"id": None, "uid": uid, "title": title, "description": desc, "tags": tags, "timezone": "browser",
            "schemaVersion": 39, "version": 1, "editable": False, "graphTooltip": 1, "refresh": "",
            "time": {"from": "now-7d", "to": "now"}, "timepicker": {},
            "annotations": {"list": []}, "links": [], "fiscalYearStartMonth": 0, "liveNow": False,
            "templating": {"list": variables}, "panels": panels}

# ---------------------------------------------------------------- queue performance
QW = "$__timeFilter(bucket) AND queue IN ($queue) AND channel IN ($channel)"
SL = "sum(answered_in_threshold)::float8 / nullif(sum(answered + abandoned + flowed_out - abandoned_in_threshold), 0)"
q = P()
q.add("stat", "Service level (range)", "Variant `ignore` (the default sl_abandon_mode): answered in T / (answered + abandoned + flowed out - abandoned in T), i.e. offered - short abandoned - abandoned within T. Sums of the 15-minute roll-ups, never an average of interval ratios. Queues configured with another variant are shown in `ignore` here.",
      [f"SELECT {SL} AS \"service level\"\nFROM rollup_queue WHERE {QW}"], gp(0, 0, 6, 5), fmt="table", unit="percentunit",
      fc={"min": 0, "max": 1, "thresholds": {"mode": "absolute", "steps": [{"color": "red", "value": None}, {"color": "orange", "value": 0.7}, {"color": "green", "value": 0.8}]}, "color": {"mode": "thresholds"}})
q.add("stat", "Offered / answered / abandoned (range)", "Offered = answered + abandoned + short abandoned + flowed out (blocked contacts never queued). Abandoned excludes short abandons.",
      [f"SELECT sum(answered + abandoned + short_abandoned + flowed_out) AS offered, sum(answered) AS answered,\n       sum(abandoned) AS abandoned, sum(short_abandoned) AS \"short abandoned\"\nFROM rollup_queue WHERE {QW}"],
      gp(6, 0, 10, 5), fmt="table")
q.add("stat", "ASA / AHT (range)", "ASA = wait of answered visits / answered. AHT = (talk + hold + ACW) / handle segments (segments counted where their ACW ended).",
      [f"SELECT sum(wait_answered_ms) / 1000.0 / nullif(sum(answered), 0) AS \"ASA\",\n       sum(talk_ms + hold_ms + acw_ms) / 1000.0 / nullif(sum(segments), 0) AS \"AHT\"\nFROM rollup_queue WHERE {QW}"],
      gp(16, 0, 8, 5), fmt="table", unit="s")
q.add("timeseries", "Offered, answered, abandoned by interval", "Per Grafana interval (at least the 15-minute roll-up bucket), summed over the selected queues and channels.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval),\n       sum(answered + abandoned + short_abandoned + flowed_out) AS offered,\n       sum(answered) AS answered, sum(abandoned) AS abandoned,\n       sum(short_abandoned) AS \"short abandoned\", sum(flowed_out) AS \"flowed out\"\nFROM rollup_queue WHERE {QW}\nGROUP BY 1 ORDER BY 1"],
      gp(0, 5, 12, 8))
q.add("timeseries", "Service level and abandon rate by interval", "Service level (variant ignore, see the tile) and abandon rate = abandoned (short excluded) / (answered + abandoned + flowed out), per interval from summed roll-ups.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval),\n       {SL} AS \"service level\",\n       sum(abandoned)::float8 / nullif(sum(answered + abandoned + flowed_out), 0) AS \"abandon rate\"\nFROM rollup_queue WHERE {QW}\nGROUP BY 1 ORDER BY 1"],
      gp(12, 5, 12, 8), unit="percentunit", fc={"min": 0, "max": 1})
q.add("timeseries", "ASA by interval", "Average speed of answer: sum of answered waits / answered, per interval.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval),\n       sum(wait_answered_ms) / 1000.0 / nullif(sum(answered), 0) AS \"ASA\",\n       max(max_wait_ms) FILTER (WHERE max_wait_ms >= 0) / 1000.0 AS \"longest wait\"\nFROM rollup_queue WHERE {QW}\nGROUP BY 1 ORDER BY 1"],
      gp(0, 13, 12, 8), unit="s")
q.add("timeseries", "AHT breakdown by interval (per segment)", "Talk, hold and ACW per handle segment (sum / segments); stacked they make the AHT.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval),\n       sum(talk_ms) / 1000.0 / nullif(sum(segments), 0) AS talk,\n       sum(hold_ms) / 1000.0 / nullif(sum(segments), 0) AS hold,\n       sum(acw_ms) / 1000.0 / nullif(sum(segments), 0) AS acw\nFROM rollup_queue WHERE {QW}\nGROUP BY 1 ORDER BY 1"],
      gp(12, 13, 12, 8), unit="s", fc={"custom": {"drawStyle": "bars", "stacking": {"mode": "normal", "group": "A"}, "fillOpacity": 80, "lineWidth": 1}})
q.add("timeseries", "Transfer and resolution rate by interval", "Transfer rate = handle segments ending in a transfer / answered visits (the queue KPI of METRICS.md; segments counted where their ACW ended, visits where they left the queue). Resolution rate = wraps with resolved: true / wraps carrying a resolved flag.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval),\n       sum(transferred)::float8 / nullif(sum(answered), 0) AS \"transfer rate\",\n       sum(resolved_true)::float8 / nullif(sum(wrapped_with_flag), 0) AS \"resolution rate\"\nFROM rollup_queue WHERE {QW}\nGROUP BY 1 ORDER BY 1"],
      gp(0, 21, 12, 8), unit="percentunit", fc={"min": 0, "max": 1})
q.add("table", "Wait percentiles (facts)", "p50 / p90 wait over the answered and abandoned visits (short abandons included, as the report API) that left the queue in the time range: percentile_disc over the queue_visits facts (nearest rank, exact for any range; empty once facts are past retention).",
      ["SELECT queue, channel, count(*) AS visits,\n       percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) / 1000.0 AS \"p50 wait\",\n       percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_ms) / 1000.0 AS \"p90 wait\"\nFROM queue_visits\nWHERE $__timeFilter(left_at) AND outcome IN ('answered', 'abandoned') AND queue IN ($queue) AND channel IN ($channel)\nGROUP BY queue, channel ORDER BY queue, channel"],
      gp(12, 21, 12, 8), fmt="table", fc={"unit": "s"})
q.add("table", "First contact resolution per day (simplified)", "Simplified FCR from the contacts facts, per UTC day the first contact ended: answered inbound contacts with a customer; resolved when no other non-outbound contact of the same customer started within 7 days after it ended (any queue) and its last wrap did not say resolved: false. `closed` = contacts whose 7-day window has passed; `fcr` = resolved / closed (null until a window closes); `fcr so far` counts pending contacts without a repeat yet as resolved (provisional). Differs from the report API: fixed 7-day window and any-queue scope instead of each queue's fcr_window_s / fcr_scope, UTC days instead of the configured time zone, repeats only among finished contacts (a repeat still queued is not seen), channel filter on the first contact's channel.",
      ["SELECT date_trunc('day', c.ended_at) AS day, c.entry_queue AS queue,\n       count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now()) AS closed,\n       count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now() AND r.repeat IS NULL AND c.last_resolved IS DISTINCT FROM false) AS resolved,\n       count(*) FILTER (WHERE c.ended_at + interval '7 days' > now()) AS pending,\n       (count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now() AND r.repeat IS NULL AND c.last_resolved IS DISTINCT FROM false))::float8\n         / nullif(count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now()), 0) AS fcr,\n       (count(*) FILTER (WHERE r.repeat IS NULL AND c.last_resolved IS DISTINCT FROM false))::float8 / count(*) AS \"fcr so far\"\nFROM contacts c\nLEFT JOIN LATERAL (\n    SELECT 1 AS repeat FROM contacts n\n    WHERE n.customer = c.customer AND n.direction <> 'outbound' AND n.contact <> c.contact\n      AND n.started_at >= c.ended_at AND n.started_at <= c.ended_at + interval '7 days' AND n.ended_at >= c.ended_at\n    LIMIT 1) r ON true\nWHERE $__timeFilter(c.ended_at) AND c.answered AND c.direction <> 'outbound' AND c.customer IS NOT NULL\n  AND c.entry_queue IN ($queue) AND c.channel IN ($channel)\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(0, 29, 24, 8), fmt="table", fc={"unit": "none"},
      extra={"fieldConfig": {"defaults": {}, "overrides": [{"matcher": {"id": "byRegexp", "options": "^fcr.*"}, "properties": [{"id": "unit", "value": "percentunit"}]}]}})
q.add("table", "Queues over the range", "One row per queue and channel, every KPI from the summed roll-ups of the range.",
      [f"SELECT queue, channel,\n       sum(answered + abandoned + short_abandoned + flowed_out) AS offered, sum(answered) AS answered,\n       sum(abandoned) AS abandoned, sum(short_abandoned) AS \"short abandoned\", sum(flowed_out) AS \"flowed out\",\n       {SL} AS \"service level\",\n       sum(abandoned)::float8 / nullif(sum(answered + abandoned + flowed_out), 0) AS \"abandon rate\",\n       sum(wait_answered_ms) / 1000.0 / nullif(sum(answered), 0) AS \"ASA s\",\n       sum(talk_ms + hold_ms + acw_ms) / 1000.0 / nullif(sum(segments), 0) AS \"AHT s\",\n       sum(transferred)::float8 / nullif(sum(answered), 0) AS \"transfer rate\",\n       sum(resolved_true)::float8 / nullif(sum(wrapped_with_flag), 0) AS \"resolution rate\",\n       sum(csat_positive)::float8 / nullif(sum(csat_responses), 0) AS \"CSAT\"\nFROM rollup_queue WHERE {QW}\nGROUP BY queue, channel ORDER BY queue, channel"],
      gp(0, 37, 24, 9), fmt="table")
qd = dash("ccpulse-queue-performance", "ccpulse queue performance", "History of the queues from the TimescaleDB roll-ups (15-minute sums) and facts (percentiles, FCR).",
          ["ccpulse", "history"],
          [var("queue", "Queue", "SELECT DISTINCT queue FROM rollup_queue"),
           var("channel", "Channel", "SELECT DISTINCT channel FROM rollup_queue WHERE queue IN ($queue)")], q.panels)
json.dump(qd, open("grafana/dashboards/queue-performance.json", "w"), indent=2, ensure_ascii=False)

# ---------------------------------------------------------------- agents
AW = "$__timeFilter(bucket) AND team IN ($team) AND agent IN ($agent)"
BUSY = "(on_contact_ms + acw_state_ms)"
OCC = f"sum{BUSY}::float8 / nullif(sum(on_contact_ms + acw_state_ms + available_ms + ringing_ms), 0)"
STAFF = "(available_ms + ringing_ms + on_contact_ms + acw_state_ms + away_ms)"
UTIL = f"sum{BUSY}::float8 / nullif(sum{STAFF}, 0)"
KPIS = (f"       sum{STAFF} / 3600000.0 AS \"staffed h\",\n       sum(segments) AS handled,\n"
        f"       {OCC} AS occupancy,\n       {UTIL} AS utilization,\n"
        f"       sum(talk_ms + hold_ms + acw_ms) / 1000.0 / nullif(sum(segments), 0) AS \"AHT s\",\n"
        f"       sum(segments) / nullif(sum{STAFF} / 3600000.0, 0) AS \"handled per staffed h\",\n"
        f"       sum(away_ms) / 3600000.0 AS \"away h\",\n"
        f"       sum(csat_positive)::float8 / nullif(sum(csat_responses), 0) AS \"CSAT\", sum(csat_responses) AS \"CSAT responses\"")
pct = {"matcher": {"id": "byRegexp", "options": "^(occupancy|utilization|CSAT)$"}, "properties": [{"id": "unit", "value": "percentunit"}]}
a = P()
a.add("stat", "Occupancy / utilization (range)", "Occupancy = (on contact + ACW) / (on contact + ACW + available + ringing). Utilization = (on contact + ACW) / staffed (every state but offline, away included). Sums of state time over the range (state spans split across 15-minute buckets).",
      [f"SELECT {OCC} AS occupancy, {UTIL} AS utilization\nFROM rollup_agent WHERE {AW}"], gp(0, 0, 8, 5), fmt="table", unit="percentunit", fc={"min": 0, "max": 1})
a.add("stat", "Handled, AHT, CSAT (range)", "Handled = handle segments whose ACW ended in the range; AHT = (talk + hold + ACW) / handled; handled per staffed hour; CSAT = positive answers / CSAT answers.",
      [f"SELECT sum(segments) AS handled, sum(talk_ms + hold_ms + acw_ms) / 1000.0 / nullif(sum(segments), 0) AS \"AHT s\",\n       sum(segments) / nullif(sum{STAFF} / 3600000.0, 0) AS \"per staffed h\",\n       sum(csat_positive)::float8 / nullif(sum(csat_responses), 0) AS \"CSAT\"\nFROM rollup_agent WHERE {AW}"],
      gp(8, 0, 16, 5), fmt="table", extra={"fieldConfig": {"defaults": {}, "overrides": [pct]}})
a.add("timeseries", "Occupancy by team", "Per team and interval, from summed state time.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval), team AS metric,\n       {OCC} AS occupancy\nFROM rollup_agent WHERE {AW}\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(0, 5, 12, 8), unit="percentunit", fc={"min": 0, "max": 1})
a.add("timeseries", "Utilization by team", "(on contact + ACW) / staffed, per team and interval.",
      [f"SELECT $__timeGroupAlias(bucket, $__interval), team AS metric,\n       {UTIL} AS utilization\nFROM rollup_agent WHERE {AW}\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(12, 5, 12, 8), unit="percentunit", fc={"min": 0, "max": 1})
a.add("timeseries", "Away time by reason", "Hours away per reason and interval (rollup_agent_away; '(none)' when no reason was given).",
      [f"SELECT $__timeGroupAlias(bucket, $__interval), coalesce(nullif(reason, ''), '(none)') AS metric,\n       sum(away_ms) / 3600000.0 AS \"away h\"\nFROM rollup_agent_away WHERE {AW}\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(0, 13, 12, 8), unit="h", fc={"custom": {"drawStyle": "bars", "stacking": {"mode": "normal", "group": "A"}, "fillOpacity": 80, "lineWidth": 1}})
a.add("timeseries", "Handled by team", "Handle segments per interval and team (counted where their ACW ended).",
      [f"SELECT $__timeGroupAlias(bucket, $__interval), team AS metric,\n       sum(segments) AS handled\nFROM rollup_agent WHERE {AW}\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(12, 13, 12, 8))
a.add("table", "Teams over the range", "One row per team ('' = agents without a team), sums of the range.",
      [f"SELECT team,\n{KPIS}\nFROM rollup_agent WHERE {AW}\nGROUP BY team ORDER BY team"],
      gp(0, 21, 24, 7), fmt="table", extra={"fieldConfig": {"defaults": {}, "overrides": [pct]}})
a.add("table", "Agents over the range", "One row per agent and team, sums of the range.",
      [f"SELECT agent, team,\n{KPIS}\nFROM rollup_agent WHERE {AW}\nGROUP BY agent, team ORDER BY agent, team"],
      gp(0, 28, 24, 10), fmt="table", extra={"fieldConfig": {"defaults": {}, "overrides": [pct]}})
a.add("table", "Away time by agent and reason", "Hours away per agent, team and reason over the range.",
      [f"SELECT agent, team, coalesce(nullif(reason, ''), '(none)') AS reason, sum(away_ms) / 3600000.0 AS \"away h\"\nFROM rollup_agent_away WHERE {AW}\nGROUP BY 1, 2, 3 ORDER BY 1, 2, 3"],
      gp(0, 38, 12, 9), fmt="table")
a.add("table", "FCR by first agent (simplified)", "Simplified FCR of the contacts each agent answered first (contacts facts; same rules and differences from the report API as on the queue performance dashboard: fixed 7-day window, any queue, repeats among finished contacts). `fcr so far` counts contacts still in their window without a repeat as resolved.",
      ["SELECT c.first_agent AS agent, coalesce(c.first_team, '') AS team, count(*) AS contacts,\n       count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now()) AS closed,\n       (count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now() AND r.repeat IS NULL AND c.last_resolved IS DISTINCT FROM false))::float8\n         / nullif(count(*) FILTER (WHERE c.ended_at + interval '7 days' <= now()), 0) AS fcr,\n       (count(*) FILTER (WHERE r.repeat IS NULL AND c.last_resolved IS DISTINCT FROM false))::float8 / count(*) AS \"fcr so far\"\nFROM contacts c\nLEFT JOIN LATERAL (\n    SELECT 1 AS repeat FROM contacts n\n    WHERE n.customer = c.customer AND n.direction <> 'outbound' AND n.contact <> c.contact\n      AND n.started_at >= c.ended_at AND n.started_at <= c.ended_at + interval '7 days' AND n.ended_at >= c.ended_at\n    LIMIT 1) r ON true\nWHERE $__timeFilter(c.ended_at) AND c.answered AND c.direction <> 'outbound' AND c.customer IS NOT NULL\n  AND c.first_agent IN ($agent) AND coalesce(c.first_team, '') IN ($team)\nGROUP BY 1, 2 ORDER BY 1, 2"],
      gp(12, 38, 12, 9), fmt="table", extra={"fieldConfig": {"defaults": {}, "overrides": [{"matcher": {"id": "byRegexp", "options": "^fcr.*"}, "properties": [{"id": "unit", "value": "percentunit"}]}]}})
ad = dash("ccpulse-agents", "ccpulse agents", "History of agents and teams from the TimescaleDB roll-ups (rollup_agent, rollup_agent_away) and, for FCR, the contacts facts.",
          ["ccpulse", "history"],
          [var("team", "Team", "SELECT DISTINCT team FROM rollup_agent"),
           var("agent", "Agent", "SELECT DISTINCT agent FROM rollup_agent WHERE team IN ($team)")], a.panels)
json.dump(ad, open("grafana/dashboards/agents.json", "w"), indent=2, ensure_ascii=False)
