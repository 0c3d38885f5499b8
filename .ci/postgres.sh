#!/usr/bin/env bash
# Installs the PostgreSQL server binaries the store tests start (initdb, pg_ctl under /usr/lib/postgresql/*/bin).
# Idempotent: does nothing when they are already there. The tests start their own throw-away server on 127.0.0.1;
# the packaged cluster is not used.
set -euo pipefail

have_binaries() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" > /dev/null
}

if have_binaries; then
    echo "postgres.sh: PostgreSQL binaries present: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "postgres.sh: PostgreSQL binaries missing and not running as root; install the Debian package 'postgresql'." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends postgresql

if ! have_binaries; then
    echo "postgres.sh: installed 'postgresql' but found no initdb/pg_ctl under /usr/lib/postgresql/*/bin." >&2
    exit 1
fi

# The tests run the server as this user when they run as root.
id postgres > /dev/null 2>&1 || { echo "postgres.sh: user 'postgres' missing after install." >&2; exit 1; }
echo "postgres.sh: installed $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
