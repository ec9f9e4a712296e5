#!/usr/bin/env bash
# run.sh - install what is missing, then run ccpulse with live demo traffic:
# TimescaleDB (own cluster, 127.0.0.1:55432), Prometheus (127.0.0.1:9090), the
# service (:8080) and the traffic simulator. Ctrl-C stops the service, the
# simulator and Prometheus (the database keeps running: scripts/db.sh stop).
#
# Environment: CCPULSE_HTTP_PORT (8080), CCPULSE_DEMO_TOKEN (demo-token),
# CCPULSE_SIM_SPEED (1 = real time), CCPULSE_CONFIG (a YAML config file), CCPULSE_JAVA_OPTS (the
# service's JVM options; the default keeps its RSS under 512 MB for the demo's rates, BENCHMARKS.md
# scenario 5; a sustained rate of thousands of events/s needs a bigger heap, e.g. -Xmx1g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
"$CCPULSE_SCRIPTS/setup.sh"
"$CCPULSE_SCRIPTS/build.sh"
"$CCPULSE_SCRIPTS/prometheus.sh" start

port=${CCPULSE_HTTP_PORT:-8080}
token=${CCPULSE_DEMO_TOKEN:-demo-token}
logdir=$CCPULSE_HOME/log
mkdir -p "$logdir"

export CCPULSE_HTTP_PORT=$port
export CCPULSE_DB_URL=${CCPULSE_DB_URL:-jdbc:postgresql://127.0.0.1:$CCPULSE_PG_PORT/$CCPULSE_DB_NAME}
export CCPULSE_DB_USER=${CCPULSE_DB_USER:-$CCPULSE_DB_OWNER}
export CCPULSE_DB_PASSWORD
export CCPULSE_INGEST_TOKENS=${CCPULSE_INGEST_TOKENS:-demo:$token}

pids=()
cleanup() {
    trap - INT TERM EXIT
    log "stopping"
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    "$CCPULSE_SCRIPTS/prometheus.sh" stop || true
}
trap cleanup INT TERM EXIT

cd "$CCPULSE_REPO"
# shellcheck disable=SC2086 # word splitting of the options is intended
java ${CCPULSE_JAVA_OPTS:--Xms64m -Xmx320m -XX:MaxMetaspaceSize=128m -Xss512k -XX:ReservedCodeCacheSize=64m} \
    -jar target/ccpulse.jar serve >"$logdir/ccpulse.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[0]}" 2>/dev/null || { tail -n 40 "$logdir/ccpulse.log" >&2; die "the service did not start"; }
    sleep 1
done
curl -fsS "http://127.0.0.1:$port/ready" >/dev/null || die "the service is not ready; see $logdir/ccpulse.log"

# The demo center lives in a time zone where it is late morning now, so that there is traffic
# and staff at whatever hour this runs (CCPULSE_SIM_ZONE overrides it).
hour=$((10#$(date -u +%H)))
shift_h=$(( (11 - hour + 24) % 24 )); [ "$shift_h" -gt 12 ] && shift_h=$((shift_h - 24))
if [ "$shift_h" -ge 0 ]; then sim_zone="Etc/GMT-$shift_h"; else sim_zone="Etc/GMT+$((-shift_h))"; fi
java -jar target/ccpulse.jar simulate --url "http://127.0.0.1:$port" --token "$token" \
    --speed "${CCPULSE_SIM_SPEED:-1}" --zone "${CCPULSE_SIM_ZONE:-$sim_zone}" >"$logdir/simulator.log" 2>&1 &
pids+=($!)

cat <<INFO

  ccpulse is running with live demo traffic.

  Live page (agents, wall screens):  http://127.0.0.1:$port/   (wall screen: /?wall=1, one agent: /?agent=<id>)
  Live API:                          http://127.0.0.1:$port/v1/live/queues
  Prometheus metrics:                http://127.0.0.1:$port/metrics
  Prometheus:                        http://127.0.0.1:$CCPULSE_PROM_PORT/
  Send an event:  curl -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' \\
                    -d @docs/example-event.json http://127.0.0.1:$port/v1/events
  Logs: $logdir/ccpulse.log, $logdir/simulator.log

  Ctrl-C stops it.
INFO
wait -n "${pids[@]}"
