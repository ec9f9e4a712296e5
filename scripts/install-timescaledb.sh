#!/usr/bin/env bash
# install-timescaledb.sh - build and install TimescaleDB (Apache-2 edition) for
# the PostgreSQL 15 of Debian 12.
#
# Debian 12 ships no TimescaleDB package, so we build the one Debian 13 (trixie)
# ships, from its *source* package (timescaledb 2.19.3+dfsg, which is already
# stripped of the TSL-licensed code). The source is fetched with a private apt
# configuration under $CCPULSE_HOME/build/apt: the system's sources.list, apt
# lists and caches are not touched. Does nothing if the extension is installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if timescaledb_installed; then
    log "TimescaleDB already installed for PostgreSQL $PG_VERSION, nothing to do"
    exit 0
fi
require_root

apt_install postgresql-$PG_VERSION postgresql-server-dev-$PG_VERSION \
    cmake gcc make dpkg-dev patch xz-utils libssl-dev libkrb5-dev debian-archive-keyring

# trixie's Release file is signed by the Debian 13 archive keys; Debian 12's
# debian-archive-keyring carries them since 2023.3+deb12u2.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -f /usr/share/keyrings/debian-archive-trixie-automatic.gpg ]; then
    log "debian-archive-keyring lacks the trixie keys, upgrading it"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debian-archive-keyring
fi

build=$CCPULSE_HOME/build
aptdir=$build/apt
mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main" > "$aptdir/sources.list"
apt_opts=(
    -o Dir::Etc::SourceList="$aptdir/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$aptdir/lists"
    -o Dir::Cache="$aptdir/cache"
    -o APT::Sandbox::User=root
)

log "fetching the trixie source package index (private apt lists in $aptdir)"
apt-get "${apt_opts[@]}" update -qq

src=$build/timescaledb
rm -rf "$src"
mkdir -p "$src"
log "downloading and unpacking the timescaledb source package"
(cd "$src" && apt-get "${apt_opts[@]}" source -qq timescaledb)
srcdir=$(find "$src" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | head -n 1)
[ -n "$srcdir" ] || die "no unpacked source tree under $src"
log "building $(basename "$srcdir") (log: $src/build.log)"

start=$SECONDS
(
    cd "$srcdir"
    BUILD_FORCE_REMOVE=true ./bootstrap \
        -DPG_CONFIG="$PG_BIN/pg_config" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DAPACHE_ONLY=1 \
        -DREGRESS_CHECKS=OFF \
        -DTAP_CHECKS=OFF \
        -DWARNINGS_AS_ERRORS=OFF \
        -DUSE_TELEMETRY=OFF \
        -DSEND_TELEMETRY_DEFAULT=OFF
    make -C build -j"$(nproc)"
    make -C build install
) > "$src/build.log" 2>&1 || { tail -n 40 "$src/build.log" >&2; die "TimescaleDB build failed, see $src/build.log"; }

timescaledb_installed || die "build finished but the extension files are missing"
log "TimescaleDB $(sed -n "s/^default_version *= *'\(.*\)'/\1/p" \
    /usr/share/postgresql/$PG_VERSION/extension/timescaledb.control) installed in $((SECONDS - start))s"
