#!/usr/bin/env bash
# check-grafana.sh - static checks of the Grafana provisioning and dashboards, without Grafana:
#   - grafana/provisioning/datasources/*.yml declare the data source uids the dashboards use;
#   - every grafana/dashboards/*.json is valid JSON with a unique uid, a title, schemaVersion 39
#     or 40 (Grafana 11), unique panel ids (rows and nested panels included);
#   - every data source reference is by uid and names a provisioned data source;
#   - every $variable a query uses is a dashboard variable or a Grafana built-in;
#   - every SQL target (TimescaleDB) has rawSql, format time_series or table, a time column when
#     it is a time series, and $__timeFilter (bound to the dashboard range);
#   - every PromQL query (panels and label_values() variables) parses: the queries, with the
#     variables replaced by sample values, are checked by `promtool check rules`.
# Running the queries against live data is not done here (it needs the running stack).
# Needs jq and promtool (installed through apt / install-prometheus.sh when missing).
# Exits 1 if any check failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v jq >/dev/null || apt_install jq
command -v promtool >/dev/null || "$CCPULSE_SCRIPTS/install-prometheus.sh"

cd "$CCPULSE_REPO/grafana"
shopt -s nullglob
dashboards=(dashboards/*.json)
[ ${#dashboards[@]} -gt 0 ] || die "no dashboards in grafana/dashboards"

errors=0
fail() { log "FAIL: $*"; errors=$((errors + 1)); }

# Data source uids declared in provisioning (the `uid:` keys of the data source entries).
mapfile -t ds_uids < <(sed -n 's/^[[:space:]]*uid:[[:space:]]*\([A-Za-z0-9_-]*\).*/\1/p' provisioning/datasources/*.yml)
[ ${#ds_uids[@]} -gt 0 ] || fail "no data source uid in provisioning/datasources"
ds_json=$(printf '%s\n' "${ds_uids[@]}" "-- Grafana --" | jq -R . | jq -s .)
grep -q 'path: /etc/grafana/dashboards' provisioning/dashboards/*.yml \
    || fail "provisioning/dashboards does not load /etc/grafana/dashboards (the docker-compose.yml mount)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seen_uids=()

for f in "${dashboards[@]}"; do
    if ! jq empty "$f" 2>"$tmp/err"; then
        fail "$f: not valid JSON: $(cat "$tmp/err")"
        continue
    fi
    uid=$(jq -r '.uid // empty' "$f")
    [ -n "$uid" ] || fail "$f: no uid"
    for u in "${seen_uids[@]}"; do [ "$u" != "$uid" ] || fail "$f: uid $uid used twice"; done
    seen_uids+=("$uid")
    [ -n "$(jq -r '.title // empty' "$f")" ] || fail "$f: no title"
    jq -e '.schemaVersion == 39 or .schemaVersion == 40' "$f" >/dev/null \
        || fail "$f: schemaVersion $(jq .schemaVersion "$f") (Grafana 11 wants 39 or 40)"
    [ "$(jq '.id' "$f")" = null ] || fail "$f: a provisioned dashboard must have \"id\": null (or none)"

    # Panels, rows' nested panels included.
    jq '[.panels[] | ., (.panels // [])[]]' "$f" > "$tmp/panels.json"
    dup=$(jq -r '[.[].id] | group_by(.) | map(select(length > 1) | .[0]) | map(tostring) | join(", ")' "$tmp/panels.json")
    [ -z "$dup" ] || fail "$f: duplicate panel ids: $dup"
    jq -e 'all(.[]; .id | type == "number")' "$tmp/panels.json" >/dev/null || fail "$f: a panel without a numeric id"
    jq -e 'all(.[]; has("gridPos"))' "$tmp/panels.json" >/dev/null || fail "$f: a panel without gridPos"

    # Data source references: objects with a uid that is provisioned (strings are names: refused).
    bad=$(jq -r --argjson ok "$ds_json" '
        [.. | objects | select(has("datasource")) | .datasource
         | if type == "object" then (.uid // "(no uid)") else "name:\(.)" end
         | select(. as $u | $ok | index($u) | not)] | unique | join(", ")' "$f")
    [ -z "$bad" ] || fail "$f: data source references not provisioned by uid: $bad"

    # Variables used in queries are defined (or built in).
    jq -r '[.templating.list[].name] | .[]' "$f" > "$tmp/vars"
    jq -r '[.. | objects | (.expr?, .rawSql?, (if .type? == "query" then .query? else empty end))
            | strings] | .[]' "$f" \
        | grep -oE '\$\{?[A-Za-z_][A-Za-z0-9_]*' | tr -d '${' | sort -u > "$tmp/used" || true
    while read -r v; do
        case "$v" in
            __*) ;;                                  # $__rate_interval, $__interval, $__range, ...
            *) grep -qx "$v" "$tmp/vars" || fail "$f: query uses \$$v, which is not a dashboard variable" ;;
        esac
    done < "$tmp/used"

    # SQL targets (TimescaleDB data source): raw SQL in code mode, a format Grafana knows, a time
    # column for time series, and bound to the dashboard time range. (They run for real in
    # DashboardQueriesIT.)
    bad=$(jq -r '
        [.. | objects | select(.datasource?.uid? == "timescaledb" and has("refId"))
         | (.rawSql // "") as $q
         | if $q == "" then "\(.refId): no rawSql"
           elif (.format // "") as $f | ($f != "time_series" and $f != "table") then "\(.refId): format \(.format)"
           elif .format == "time_series" and ($q | test("\\$__timeGroup(Alias)?\\(|AS \"?time\"?"; "i") | not) then "\(.refId): time series without a time column"
           elif ($q | test("\\$__timeFilter\\(|\\$__timeFrom\\(|\\$__unixEpochFilter\\(") | not) then "\(.refId): not bound to the time range ($__timeFilter)"
           else empty end] | unique | join("; ")' "$f")
    [ -z "$bad" ] || fail "$f: SQL targets: $bad"
    jq -e '[.templating.list[] | select(.datasource?.uid? == "timescaledb")
            | (.query | if type == "object" then (.rawSql // .query) else . end) | strings | length > 0] | all' "$f" >/dev/null \
        || fail "$f: a TimescaleDB variable without a query"

    # PromQL parses: one recording rule per query, variables replaced by sample values.
    jq --arg name "$(basename "$f" .json)" '
        def sample: gsub("\\$__rate_interval"; "1m") | gsub("\\$__interval"; "1m") | gsub("\\$__range"; "1h")
                  | gsub("\\$\\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\\}?"; ".*");
        def label_values_selector: capture("^label_values\\((?<s>.*),[^,]*\\)$").s // "up";
        {groups: [{name: $name, rules: (
            [.. | objects | select(.datasource?.uid? == "prometheus" and has("expr")) | .expr | sample]
          + [.templating.list[] | select(.type == "query" and .datasource.uid == "prometheus")
             | (.query | if type == "object" then .query else . end) | label_values_selector | sample]
          | to_entries | map({record: "dashboard_query:\(.key)", expr: .value}))}]}' "$f" > "$tmp/$(basename "$f" .json).rules.json"
    n=$(jq '.groups[0].rules | length' "$tmp/$(basename "$f" .json).rules.json")
    if promtool check rules "$tmp/$(basename "$f" .json).rules.json" > "$tmp/promtool.out" 2>&1; then
        log "$f: $(jq '.panels | length' "$f") panels, $n PromQL queries parse, $(jq '[.. | objects | select(.datasource?.uid? == "timescaledb" and has("rawSql"))] | length' "$f") SQL targets"
    else
        sed 's/^/    /' "$tmp/promtool.out" >&2
        fail "$f: PromQL that does not parse (above)"
    fi
done

if [ "$errors" -gt 0 ]; then
    log "$errors Grafana check(s) failed"
    exit 1
fi
log "all Grafana checks passed (${#dashboards[@]} dashboards, data sources: ${ds_uids[*]})"
