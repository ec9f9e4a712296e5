#!/usr/bin/env bash
# prometheus.sh start|stop|status
#
# Runs our own Prometheus with the repository's prometheus/prometheus.yml on
# 127.0.0.1:$CCPULSE_PROM_PORT (default 9090), in the background. Data in
# $CCPULSE_HOME/prometheus/data, pid file and log next to it.
# --web.enable-lifecycle is on, so `curl -X POST 127.0.0.1:9090/-/reload`
# reloads the configuration and rules.
#
#   start   install Prometheus if needed, check the config, start unless
#           already running, wait for /-/ready.
#   stop    SIGTERM, then SIGKILL after 30 s; not running is not an error.
#   status  exit 0 if running, 3 if not.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROM_DIR=$CCPULSE_HOME/prometheus
PID_FILE=$PROM_DIR/prometheus.pid
LOG_FILE=$PROM_DIR/prometheus.log
CONFIG=$CCPULSE_REPO/prometheus/prometheus.yml
URL=http://127.0.0.1:$CCPULSE_PROM_PORT

usage() { echo "usage: $0 start|stop|status" >&2; exit 2; }

# alive PID - the process exists and is not a zombie (in a container PID 1 may
# never reap the daemon once it exits).
alive() {
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# Prints the pid if our Prometheus is running.
running_pid() {
    local pid
    [ -f "$PID_FILE" ] || return 1
    pid=$(cat "$PID_FILE")
    [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = prometheus ] || return 1
    echo "$pid"
}

ready() { curl -fsS -o /dev/null --max-time 2 "$URL/-/ready" 2>/dev/null; }

start() {
    local pid
    if pid=$(running_pid); then
        log "already running (pid $pid) on $URL"
        return 0
    fi
    command -v prometheus >/dev/null || "$CCPULSE_SCRIPTS/install-prometheus.sh"
    ! ready || die "something else already answers on $URL"
    promtool check config "$CONFIG" >/dev/null || die "invalid $CONFIG (see: promtool check config $CONFIG)"
    mkdir -p "$PROM_DIR/data"
    log "starting Prometheus on $URL with $CONFIG"
    setsid prometheus \
        --config.file="$CONFIG" \
        --storage.tsdb.path="$PROM_DIR/data" \
        --storage.tsdb.retention.time=15d \
        --web.listen-address="127.0.0.1:$CCPULSE_PROM_PORT" \
        --web.enable-lifecycle \
        </dev/null >>"$LOG_FILE" 2>&1 &
    echo $! > "$PID_FILE"
    for _ in $(seq 60); do
        ready && { log "ready (pid $(cat "$PID_FILE"), log $LOG_FILE)"; return 0; }
        running_pid >/dev/null || break
        sleep 1
    done
    tail -n 20 "$LOG_FILE" >&2 || true
    die "Prometheus did not become ready (log: $LOG_FILE)"
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        log "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 30); do
        alive "$pid" || break
        sleep 1
    done
    if alive "$pid"; then
        log "still running after 30s, killing"
        kill -9 "$pid" || true
    fi
    rm -f "$PID_FILE"
    log "stopped"
}

[ $# -eq 1 ] || usage
case "$1" in
    start) start ;;
    stop) stop ;;
    status) if pid=$(running_pid); then echo "running: pid $pid on $URL"; else echo "not running"; exit 3; fi ;;
    *) usage ;;
esac
