#!/usr/bin/env bash
# build.sh - build target/ccpulse.jar (skips the tests) unless it is newer than every source file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CCPULSE_REPO"
jar=target/ccpulse.jar
if [ -f "$jar" ] && [ -z "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
    log "up to date: $jar"
    exit 0
fi
log "building $jar"
mvn -q -B -DskipTests package
