#!/usr/bin/env bash
# Load test of the web app: team dashboards under 50 concurrent signed-in team managers, on SQLite and on PostgreSQL.
#
# Publishes the CLI in Release (into $BENCH_DATA/web-bin) and the load client (tests/AuditKit.Benchmarks, "web-load"),
# makes WEB_AUDITS synthetic audits of WEB_TEAMS teams over WEB_MONTHS months with `auditkit synth` and records them
# once per store with `auditkit run` (kept and reused), adds one team manager per team with `auditkit users add`, then
# starts `auditkit serve` on 127.0.0.1, signs the team managers in and has them all ask for their own team's
# dashboard (/teams/{team}) at once, each request after their last. Bounded: WEB_REQUESTS requests per person or
# WEB_SECONDS seconds, whichever comes first. Prints p50/p95/p99 latency and requests per second per store.
#
# Environment:
#   STORES="sqlite postgres"     which stores to measure
#   WEB_AUDITS=100000 WEB_TEAMS=50 WEB_MONTHS=12 WEB_END=2026-11 SEED=42
#   WEB_USERS=50                 people signed in at once (at most WEB_TEAMS: one team manager per team)
#   WEB_REQUESTS=20 WEB_SECONDS=180   the bound of the measured part (after WEB_WARMUP requests each, untimed)
#   WEB_PORT=5090 PG_PORT=55433 BENCH_DATA=bench/data
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '%s\n' "$*" >&2; }

STORES="${STORES:-sqlite postgres}"
WEB_AUDITS="${WEB_AUDITS:-100000}"
WEB_TEAMS="${WEB_TEAMS:-50}"
WEB_MONTHS="${WEB_MONTHS:-12}"
WEB_END="${WEB_END:-2026-11}"
WEB_USERS="${WEB_USERS:-50}"
WEB_REQUESTS="${WEB_REQUESTS:-20}"
WEB_SECONDS="${WEB_SECONDS:-180}"
WEB_WARMUP="${WEB_WARMUP:-2}"
WEB_PORT="${WEB_PORT:-5090}"
PG_PORT="${PG_PORT:-55433}"
SEED="${SEED:-42}"
DATA="${BENCH_DATA:-bench/data}"
TEMPLATE=templates/quality-of-practice.yaml
PASSWORD="load test password 1"
for value in "$WEB_AUDITS" "$WEB_TEAMS" "$WEB_MONTHS" "$WEB_USERS" "$WEB_REQUESTS" "$WEB_SECONDS" "$WEB_PORT" "$PG_PORT"; do
    if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
        say "WEB_AUDITS, WEB_TEAMS, WEB_MONTHS, WEB_USERS, WEB_REQUESTS, WEB_SECONDS, WEB_PORT and PG_PORT must be positive whole numbers; '$value' is not one."
        exit 2
    fi
done
if ((WEB_USERS > WEB_TEAMS)); then
    say "WEB_USERS ($WEB_USERS) cannot be more than WEB_TEAMS ($WEB_TEAMS): each person manages a team of their own."
    exit 2
fi

mkdir -p "$DATA/logs"
case "$(uname -m)" in aarch64 | arm64) RID=linux-arm64 ;; *) RID=linux-x64 ;; esac
say "Publishing src/AuditKit.Cli and the load client in Release..."
dotnet publish src/AuditKit.Cli -c Release -r "$RID" --self-contained false -nologo -v quiet -o "$DATA/web-bin" >&2
dotnet build tests/AuditKit.Benchmarks -c Release -nologo -v quiet -o "$DATA/web-load-bin" >&2
CLI=("$DATA/web-bin/AuditKit.Cli")
LOAD=("$DATA/web-load-bin/AuditKit.Benchmarks" web-load)

key="$WEB_AUDITS-${WEB_TEAMS}t-${WEB_MONTHS}m-$WEB_END-seed$SEED-$(sha256sum "$TEMPLATE" | cut -c 1-12)"
csv="$DATA/web-$key.csv"
as_of="$(date -u -d "$WEB_END-01 +1 month -1 day" +%F)"
if [[ ! -s "$csv" ]]; then
    say "Generating $WEB_AUDITS audits of $WEB_TEAMS teams into $csv..."
    "${CLI[@]}" synth --template "$TEMPLATE" --count "$WEB_AUDITS" --teams "$WEB_TEAMS" --months "$WEB_MONTHS" \
        --end-month "$WEB_END" --seed "$SEED" --out "$csv.partial" >"$DATA/logs/web-synth.log" 2>&1
    mv "$csv.partial" "$csv"
fi
# The teams, in the file's order of first appearance (the column is named "team").
users_file="$DATA/web-users-$key.tsv"
awk -F, -v n="$WEB_USERS" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "team") c = i; next }
    !seen[$c]++ { k++; printf "manager%02d@load.test\t%s\n", k, $c; if (k == n) exit }' "$csv" > "$users_file"
if [[ "$(wc -l < "$users_file")" -lt "$WEB_USERS" ]]; then
    say "The synthetic file has fewer than $WEB_USERS teams."
    exit 1
fi

# prepare STORE_OPTIONS... : records the audits (once) and adds the team managers (once).
prepare() {
    "${CLI[@]}" run --template "$TEMPLATE" --submissions "$csv" --outputs json --as-of "$as_of" --out "$DATA/out-web-build" "$@" \
        >"$DATA/logs/web-build.log" 2>&1 || [[ $? == 3 ]]
    while IFS=$'\t' read -r email team; do
        printf '%s\n' "$PASSWORD" | "${CLI[@]}" users add --email "$email" --name "Manager of $team" --role team_manager \
            --team "$team" --password-stdin "$@" >>"$DATA/logs/web-build.log" 2>&1
    done < "$users_file"
}

SERVER_PID=""
PG_STOP=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [[ -n "$PG_STOP" ]] && eval "$PG_STOP" >/dev/null 2>&1
    return 0
}
trap cleanup EXIT

RESULTS=()
# measure NAME STORE_OPTIONS... : serves the store, runs the load client, keeps its JSON line.
measure() {
    local name="$1"
    shift
    "${CLI[@]}" serve --urls "http://127.0.0.1:$WEB_PORT" "$@" >"$DATA/logs/web-serve-$name.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/sign-in" 2>/dev/null && break
        sleep 0.5
    done
    say "Load on $name: $WEB_USERS people, $WEB_REQUESTS dashboards each (at most $WEB_SECONDS s)..."
    local line
    line="$("${LOAD[@]}" --url "http://127.0.0.1:$WEB_PORT/" --users <(head -n "$WEB_USERS" "$users_file") --password "$PASSWORD" \
        --requests "$WEB_REQUESTS" --seconds "$WEB_SECONDS" --warmup "$WEB_WARMUP")"
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    RESULTS+=("$name $line")
    echo "$name $line" >> "$DATA/web-load-results.txt"
}

for store in $STORES; do
    case "$store" in
        sqlite)
            db="$DATA/web-$key.db"
            if [[ ! -s "$db" ]]; then
                say "Recording $WEB_AUDITS audits into SQLite, once (a few minutes)..."
                rm -f "$db.partial"*
                prepare --db "$db.partial"
                mv "$db.partial" "$db"
            fi
            measure SQLite --db "$db"
            ;;
        postgres)
            PG_BIN="$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort -V | tail -n 1 | xargs -r dirname)"
            if [[ -z "$PG_BIN" ]]; then
                say "postgres needs the PostgreSQL server binaries under /usr/lib/postgresql/*/bin: run 'bash .ci/postgres.sh'."
                exit 2
            fi
            pg_root="$(cd "$DATA" && pwd)/web-pg"
            mkdir -p "$pg_root"
            as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
            [[ "$(id -u)" == 0 ]] && chown postgres "$pg_root"
            if [[ ! -s "$pg_root/data/PG_VERSION" ]]; then
                as_postgres "$PG_BIN/initdb" -D "$pg_root/data" -U auditkit -A trust -E UTF8 --locale=C >"$DATA/logs/web-initdb.log" 2>&1
            fi
            as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" status >/dev/null 2>&1 && as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null
            as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 120 \
                -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pg_root" start >/dev/null
            PG_STOP="as_postgres '$PG_BIN/pg_ctl' -D '$pg_root/data' -m fast -w stop"
            psql_() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U auditkit "$@"; }
            pg_db="web_${key//[^a-zA-Z0-9]/_}"
            pg_db="${pg_db:0:60}"
            connection="Host=127.0.0.1;Port=$PG_PORT;Username=auditkit;Database=$pg_db"
            if [[ -z "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$pg_db'")" ]]; then
                say "Recording $WEB_AUDITS audits into PostgreSQL, once (several minutes)..."
                psql_ -d postgres -c "DROP DATABASE IF EXISTS ${pg_db}_p" -c "CREATE DATABASE ${pg_db}_p"
                prepare --connection "Host=127.0.0.1;Port=$PG_PORT;Username=auditkit;Database=${pg_db}_p"
                psql_ -d "${pg_db}_p" -c "VACUUM ANALYZE"
                psql_ -d postgres -c "ALTER DATABASE ${pg_db}_p RENAME TO $pg_db"
            fi
            measure PostgreSQL --connection "$connection"
            eval "$PG_STOP" >/dev/null 2>&1 || true
            PG_STOP=""
            ;;
        *)
            say "STORES may hold sqlite and postgres; '$store' is not one of them."
            exit 2
            ;;
    esac
done

echo
echo "## AuditKit web load test"
echo
echo "$(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) at the end, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');"
echo "$WEB_AUDITS audits of $WEB_TEAMS teams over $WEB_MONTHS months to $WEB_END; $WEB_USERS team managers at once, up to $WEB_REQUESTS dashboards each (budget p95 < 200 ms)"
echo
echo "| store | requests | s | requests/s | p50 ms | p95 ms | p99 ms | max ms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for result in "${RESULTS[@]}"; do
    name="${result%% *}"
    json="${result#* }"
    python3 -c 'import json, sys
r = json.loads(sys.argv[2])
print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (sys.argv[1], r["requests"], r["seconds"], r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["max_ms"]))' "$name" "$json"
done
