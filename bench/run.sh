#!/usr/bin/env bash
# Whole-process benchmark of the auditkit command line.
#
# Publishes the CLI in Release with ReadyToRun once (into $BENCH_DATA/bin), makes synthetic quality-of-practice audits of each size with
# `auditkit synth` (kept in bench/data/ and reused), then times `check`, `run` with JSON output and no
# store, and `run` with every output and a SQLite store, each REPEAT times under /usr/bin/time -v.
# Prints a markdown table of medians (wall seconds, peak resident memory) and the two scaling ratios
# the project watches: run vs check at 100,000 rows (for information) and 1,000,000 vs 100,000 rows (budget 11x).
#
# Environment:
#   SIZES="10000 100000 1000000"   row counts to measure
#   REPEAT=3                       timed runs per command and size (the median is reported)
#   AUDITKIT="..."                 command to run instead of the Release build (skips the build), e.g. a stub
#   TEMPLATE=templates/quality-of-practice.yaml
#   AS_OF=2026-11-30  SEED=42  BENCH_DATA=bench/data
#   RATIO_BASE=100000  RATIO_BIG=1000000   the sizes the ratios compare
#   COMMANDS="check run-json run-all"       which commands to time (leave out run-all for a quick check against run);
#                                           store-sqlite and store-postgres time the store benchmark (see bench/README.md)
#   STORE_AUDITS=1000000 STORE_MONTHS=24 STORE_END=2026-11   the stored history the store benchmark starts from
#   MONTH_AUDITS=2000 MONTH=2026-12                          the month it records and reports
#   PG_PORT=55432                                            the throw-away PostgreSQL server's port (127.0.0.1)
# Raw measurements (command, rows, wall s, peak RSS kB, exit code) are kept in $BENCH_DATA/last-run.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${SIZES:-10000 100000 1000000}"
REPEAT="${REPEAT:-3}"
TEMPLATE="${TEMPLATE:-templates/quality-of-practice.yaml}"
AS_OF="${AS_OF:-2026-11-30}"
SEED="${SEED:-42}"
DATA="${BENCH_DATA:-bench/data}"
TIME_BIN="${TIME_BIN:-/usr/bin/time}"
RATIO_BASE="${RATIO_BASE:-100000}"
RATIO_BIG="${RATIO_BIG:-1000000}"
say() { printf '%s\n' "$*" >&2; }

read -r -a COMMANDS <<< "${COMMANDS:-check run-json run-all}"
for name in "${COMMANDS[@]}"; do
    case "$name" in
        check | run-json | run-all | store-sqlite | store-postgres) ;;
        *)
            say "COMMANDS may hold check, run-json, run-all, store-sqlite and store-postgres; '$name' is not one of them."
            exit 2
            ;;
    esac
done
wants() { [[ " ${COMMANDS[*]} " == *" $1 "* ]]; }

if ! [[ "$REPEAT" =~ ^[1-9][0-9]*$ ]]; then
    say "REPEAT must be a positive whole number, not '$REPEAT'."
    exit 2
fi
wants_sizes() { wants check || wants run-json || wants run-all; }
wants_sizes || SIZES=""
for size in $SIZES; do
    if ! [[ "$size" =~ ^[1-9][0-9]*$ ]]; then
        say "SIZES must hold positive whole numbers; '$size' is not one."
        exit 2
    fi
done

STORE_AUDITS="${STORE_AUDITS:-1000000}"
STORE_MONTHS="${STORE_MONTHS:-24}"
STORE_END="${STORE_END:-2026-11}"
MONTH_AUDITS="${MONTH_AUDITS:-2000}"
MONTH="${MONTH:-2026-12}"
PG_PORT="${PG_PORT:-55432}"
for value in "$STORE_AUDITS" "$STORE_MONTHS" "$MONTH_AUDITS" "$PG_PORT"; do
    if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
        say "STORE_AUDITS, STORE_MONTHS, MONTH_AUDITS and PG_PORT must be positive whole numbers; '$value' is not one."
        exit 2
    fi
done
for value in "$STORE_END" "$MONTH"; do
    if ! [[ "$value" =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]]; then
        say "STORE_END and MONTH must be months written YYYY-MM; '$value' is not one."
        exit 2
    fi
done

# GNU time gives peak memory; the shell's own `time` does not.
if [[ ! -x "$TIME_BIN" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        say "$TIME_BIN is missing: installing the Debian package 'time'."
        apt-get install -y time >&2
    else
        say "$TIME_BIN is missing. Install GNU time first (Debian/Ubuntu: sudo apt-get install -y time)."
        exit 2
    fi
fi

if [[ -n "${AUDITKIT:-}" ]]; then
    read -r -a CLI <<< "$AUDITKIT"
    say "Using AUDITKIT='$AUDITKIT' (no build)."
else
    # The build a user installs: published for this machine, with ReadyToRun (precompiled code, see the csproj).
    case "$(uname -m)" in
        aarch64 | arm64) RID=linux-arm64 ;;
        *) RID=linux-x64 ;;
    esac
    say "Publishing src/AuditKit.Cli in Release for $RID with ReadyToRun..."
    dotnet publish src/AuditKit.Cli -c Release -r "$RID" --self-contained false -nologo -v quiet -o "$DATA/bin" >&2
    CLI=("$DATA/bin/AuditKit.Cli")
fi

mkdir -p "$DATA/logs"
RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS" "$RESULTS.time"' EXIT

# seconds <- "h:mm:ss" or "m:ss.ss" as printed by GNU time for "Elapsed (wall clock) time"
elapsed_seconds() {
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<< "$1"
}

# measure NAME SIZE ARGS... : runs the CLI once under time -v and appends "NAME SIZE WALL_S RSS_KB EXIT" to RESULTS.
# Exit codes 0 and 3 (some rows rejected) count as success.
measure() {
    local name="$1" size="$2"
    shift 2
    local log="$DATA/logs/$name-$size.log"
    local rc=0
    # Earlier commands leave hundreds of MB of written files in the page cache; let the kernel write them out now,
    # untimed, instead of during this command.
    sync
    "$TIME_BIN" -v -o "$RESULTS.time" "${CLI[@]}" "$@" >"$log" 2>&1 || rc=$?
    local wall rss
    wall="$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time[^:]*: *//p' "$RESULTS.time" | tail -n 1)"
    rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$RESULTS.time" | tail -n 1)"
    if [[ -z "$wall" || -z "$rss" ]]; then
        say "  $name $size: could not read the figures from time -v (see $log)."
        printf '%s %s NA NA %s\n' "$name" "$size" "${rc:-1}" >> "$RESULTS"
        return
    fi
    if [[ "$rc" != 0 && "$rc" != 3 ]]; then
        say "  $name $size: exit $rc (see $log)."
    fi
    printf '%s %s %s %s %s\n' "$name" "$size" "$(elapsed_seconds "$wall")" "$rss" "$rc" >> "$RESULTS"
}

for size in $SIZES; do
    file="$DATA/qop-$size.csv"
    if [[ ! -s "$file" ]]; then
        say "Generating $size audits into $file..."
        partial="$DATA/qop-$size.partial.csv"
        rm -f "$partial"
        measure synth "$size" synth --template "$TEMPLATE" --count "$size" --seed "$SEED" --out "$partial"
        if [[ "$(tail -n 1 "$RESULTS" | awk '{ print $5 }')" != 0 || ! -s "$partial" ]]; then
            say "auditkit synth failed for $size rows (see $DATA/logs/synth-$size.log)."
            exit 1
        fi
        mv "$partial" "$file"
    fi

    for ((r = 1; r <= REPEAT; r++)); do
        say "Size $size, run $r of $REPEAT..."
        if wants check; then
            measure check "$size" check --template "$TEMPLATE" --submissions "$file"
        fi
        out="$DATA/out-$size"
        if wants run-json; then
            rm -rf "$out"
            measure run-json "$size" run --template "$TEMPLATE" --submissions "$file" --no-store --outputs json \
                --as-of "$AS_OF" --out "$out"
        fi
        if wants run-all; then
            # Every timed store run starts from an empty database, so repeats are comparable.
            rm -rf "$out" "$DATA/bench.db" "$DATA/bench.db-wal" "$DATA/bench.db-shm"
            measure run-all "$size" run --template "$TEMPLATE" --submissions "$file" --outputs json,xlsx,html \
                --db "$DATA/bench.db" --as-of "$AS_OF" --out "$out"
        fi
    done
done

# ---- The store benchmark: one more month recorded into, and reported from, a store holding years of audits ----------
#
# The stored history (STORE_AUDITS audits over STORE_MONTHS months ending STORE_END) is recorded once per store kind and
# kept, under a name made of what it was made from: audits, months, last month, seed and the first 12 hex digits of the
# template's SHA-256. Every timed repeat starts from a fresh copy of it (SQLite: a copy of the file; PostgreSQL: a new
# database made with CREATE DATABASE ... TEMPLATE), so each records into the same state.
wants_store() { wants store-sqlite || wants store-postgres; }
if wants_store; then
    template_hash="$(sha256sum "$TEMPLATE" | cut -c 1-12)"
    store_key="$STORE_AUDITS-${STORE_MONTHS}m-$STORE_END-seed$SEED-$template_hash"
    store_as_of="$(date -u -d "$STORE_END-01 +1 month -1 day" +%F)"
    month_as_of="$(date -u -d "$MONTH-01 +1 month -1 day" +%F)"
    store_csv="$DATA/store-$store_key.csv"
    month_csv="$DATA/month-$MONTH_AUDITS-$MONTH-seed$((SEED + 1))-$template_hash.csv"

    # synth_once FILE ARGS... : writes FILE with auditkit synth unless it is there already.
    synth_once() {
        local file="$1"
        shift
        [[ -s "$file" ]] && return 0
        say "Generating $file..."
        rm -f "$file.partial"
        if ! "${CLI[@]}" synth --template "$TEMPLATE" --out "$file.partial" "$@" >"$DATA/logs/synth-store.log" 2>&1; then
            say "auditkit synth failed (see $DATA/logs/synth-store.log)."
            exit 1
        fi
        mv "$file.partial" "$file"
    }
    synth_once "$store_csv" --count "$STORE_AUDITS" --seed "$SEED" --months "$STORE_MONTHS" --end-month "$STORE_END"
    synth_once "$month_csv" --count "$MONTH_AUDITS" --seed "$((SEED + 1))" --months 1 --end-month "$MONTH"

    # build_store NAME STORE_OPTIONS... : records the stored history (once, untimed by the benchmark's figures).
    build_store() {
        local name="$1"
        shift
        say "Recording $STORE_AUDITS audits into the $name store, once (several minutes)..."
        measure "build-$name" "$STORE_AUDITS" run --template "$TEMPLATE" --submissions "$store_csv" --outputs json \
            "$@" --as-of "$store_as_of" --out "$DATA/out-store-build"
        if [[ "$(tail -n 1 "$RESULTS" | awk '{ print $5 }')" != 0 ]]; then
            say "Recording the stored history failed (see $DATA/logs/build-$name-$STORE_AUDITS.log)."
            exit 1
        fi
    }

    # time_store NAME STORE_OPTIONS... : one timed repeat on a store just restored.
    time_store() {
        local name="$1"
        shift
        measure "record-$name" "$STORE_AUDITS" run --template "$TEMPLATE" --submissions "$month_csv" --outputs json "$@" \
            --as-of "$month_as_of" --out "$DATA/out-store-record"
        measure "report-$name" "$STORE_AUDITS" report --template "$TEMPLATE" --period "$MONTH" "$@" \
            --as-of "$month_as_of" --out "$DATA/out-store-report"
        measure "report-full-$name" "$STORE_AUDITS" report --template "$TEMPLATE" --period "$STORE_END" --outputs json "$@" \
            --as-of "$month_as_of" --out "$DATA/out-store-report-full"
    }
fi

if wants store-sqlite; then
    base="$DATA/store-$store_key.db"
    work="$DATA/store-work.db"
    if [[ ! -s "$base" ]]; then
        rm -f "$base.partial" "$base.partial-wal" "$base.partial-shm"
        build_store sqlite --db "$base.partial"
        mv "$base.partial" "$base"
    fi
    # A kept store is brought to this build's schema once, untimed: opening it applies newer migrations (the id asked
    # for is in no store, so the command only opens it).
    "${CLI[@]}" actions show A-0000000000000 --db "$base" >/dev/null 2>&1 || true
    for ((r = 1; r <= REPEAT; r++)); do
        say "Store benchmark on SQLite, run $r of $REPEAT (restoring the store first)..."
        rm -f "$work" "$work-wal" "$work-shm"
        cp "$base" "$work"
        time_store sqlite --db "$work"
    done
fi

if wants store-postgres; then
    PG_BIN="$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort -V | tail -n 1 | xargs -r dirname)"
    if [[ -z "$PG_BIN" ]]; then
        say "store-postgres needs the PostgreSQL server binaries under /usr/lib/postgresql/*/bin: run 'bash .ci/postgres.sh'."
        exit 2
    fi
    pg_root="$(cd "$DATA" && pwd)/pg"
    mkdir -p "$pg_root"
    # The server runs as 'postgres' when the script runs as root (PostgreSQL refuses to run as root).
    as_postgres() {
        if [[ "$(id -u)" == 0 ]]; then
            runuser -u postgres -- "$@"
        else
            "$@"
        fi
    }
    [[ "$(id -u)" == 0 ]] && chown postgres "$pg_root"
    if [[ ! -s "$pg_root/data/PG_VERSION" ]]; then
        say "Creating a throw-away PostgreSQL cluster in $pg_root/data..."
        as_postgres "$PG_BIN/initdb" -D "$pg_root/data" -U auditkit -A trust -E UTF8 --locale=C >"$DATA/logs/initdb.log" 2>&1
    fi
    if as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" status >/dev/null 2>&1; then
        as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null
    fi
    # The server's own settings are PostgreSQL's defaults (fsync on), on 127.0.0.1 only.
    as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 120 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pg_root" start >/dev/null
    trap 'as_postgres "$PG_BIN/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1; rm -f "$RESULTS" "$RESULTS.time"' EXIT
    psql_() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U auditkit "$@"; }
    connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=auditkit;Database=$1"; }
    pg_base="base_${STORE_AUDITS}_${STORE_MONTHS}m_${STORE_END/-/}_s${SEED}_$template_hash"
    if [[ -z "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$pg_base'")" ]]; then
        psql_ -d postgres -c "DROP DATABASE IF EXISTS ${pg_base}_partial" -c "CREATE DATABASE ${pg_base}_partial"
        build_store postgres --connection "$(connection "${pg_base}_partial")"
        # What autovacuum would do on a server soon after a large load: statistics for the planner.
        psql_ -d "${pg_base}_partial" -c "VACUUM ANALYZE"
        psql_ -d postgres -c "ALTER DATABASE ${pg_base}_partial RENAME TO $pg_base"
    fi
    "${CLI[@]}" actions show A-0000000000000 --connection "$(connection "$pg_base")" >/dev/null 2>&1 || true
    strategy=""
    [[ "$(psql_ -d postgres -c "SHOW server_version_num")" -ge 150000 ]] && strategy=" STRATEGY FILE_COPY"
    for ((r = 1; r <= REPEAT; r++)); do
        say "Store benchmark on PostgreSQL, run $r of $REPEAT (restoring the store first)..."
        psql_ -d postgres -c "DROP DATABASE IF EXISTS bench_work" -c "CREATE DATABASE bench_work TEMPLATE $pg_base$strategy"
        time_store postgres --connection "$(connection bench_work)"
    done
    psql_ -d postgres -c "DROP DATABASE IF EXISTS bench_work"
fi

# median FIELD NAME SIZE : median of column FIELD (3 wall, 4 rss) over the successful runs, or empty.
median() {
    awk -v f="$1" -v n="$2" -v s="$3" '$1 == n && $2 == s && ($5 == 0 || $5 == 3) && $f != "NA" { print $f }' "$RESULTS" \
        | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

runs() { awk -v n="$1" -v s="$2" '$1 == n && $2 == s' "$RESULTS" | wc -l | tr -d ' '; }
failures() { awk -v n="$1" -v s="$2" '$1 == n && $2 == s && !($5 == 0 || $5 == 3)' "$RESULTS" | wc -l | tr -d ' '; }
thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
describe() {
    case "$1" in
        synth) echo "synth (generate data, once)" ;;
        check) echo "check" ;;
        run-json) echo "run --no-store --outputs json" ;;
        run-all) echo "run --outputs json,xlsx,html --db" ;;
        build-sqlite | build-postgres) echo "recording the stored history (once)" ;;
        record-*) echo "run: record $(thousands "$MONTH_AUDITS") audits of $MONTH, --outputs json" ;;
        report-full-*) echo "report --period $STORE_END --outputs json (a stored month)" ;;
        report-*) echo "report --period $MONTH (every output)" ;;
    esac
}

# figures NAME SIZE : "runs | wall s | peak RSS MB" of a table row (medians), or nothing when NAME did not run at SIZE.
figures() {
    local count wall rss failed cells note=""
    count="$(runs "$1" "$2")"
    [[ "$count" == 0 ]] && return 0
    wall="$(median 3 "$1" "$2")"
    rss="$(median 4 "$1" "$2")"
    failed="$(failures "$1" "$2")"
    if [[ -z "$wall" ]]; then
        cells="failed | failed"
    else
        cells="$(awk -v w="$wall" -v r="$rss" 'BEGIN { printf "%.2f | %.1f", w, r / 1024 }')"
    fi
    [[ "$failed" != 0 ]] && note=" ($failed failed)"
    echo "$count$note | $cells"
}

# ratio NAME_A SIZE_A NAME_B SIZE_B FIELD : median A / median B, or n/a.
ratio() {
    local a b
    a="$(median "$5" "$1" "$2")"
    b="$(median "$5" "$3" "$4")"
    if [[ -z "$a" || -z "$b" ]]; then
        echo "n/a"
        return
    fi
    awk -v a="$a" -v b="$b" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2fx", a / b }'
}

# verdict "1.23x" BUDGET : the ratio with whether it keeps within the budget.
verdict() {
    if [[ "$1" == "n/a" ]]; then
        echo "n/a (budget ${2}x)"
        return
    fi
    awk -v r="${1%x}" -v b="$2" 'BEGIN { printf "%sx, budget %sx: %s", r, b, (r + 0 <= b + 0) ? "within" : "OVER" }'
}

echo
echo "## AuditKit whole-process benchmark"
echo
echo "$(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) at the end, $(dotnet --version 2>/dev/null || echo 'dotnet ?'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), REPEAT=$REPEAT, template $TEMPLATE"
echo
if wants_sizes; then
echo "| command | rows | runs | wall s (median) | peak RSS MB (median) |"
echo "| --- | ---: | ---: | ---: | ---: |"
fi
for size in $SIZES; do
    for name in synth "${COMMANDS[@]}"; do
        cells="$(figures "$name" "$size")"
        [[ -n "$cells" ]] && echo "| $(describe "$name") | $(thousands "$size") | $cells |"
    done
done

for store in sqlite postgres; do
    wants "store-$store" || continue
    echo
    echo "Store benchmark on $([[ $store == sqlite ]] && echo SQLite || echo PostgreSQL): a store of $(thousands "$STORE_AUDITS") audits over $STORE_MONTHS months to $STORE_END (budget 3 s for record and report):"
    echo
    echo "| command | runs | wall s (median) | peak RSS MB (median) |"
    echo "| --- | ---: | ---: | ---: |"
    for name in "build-$store" "record-$store" "report-$store" "report-full-$store"; do
        cells="$(figures "$name" "$STORE_AUDITS")"
        [[ -n "$cells" ]] && echo "| $(describe "$name") | $cells |"
    done
done

if wants_sizes; then
echo
echo "Ratios of median wall time (and of peak RSS):"
echo
base="$(thousands "$RATIO_BASE")"
big="$(thousands "$RATIO_BIG")"
echo "- run --no-store --outputs json vs check at $base rows: $(ratio run-json "$RATIO_BASE" check "$RATIO_BASE" 3) (RSS $(ratio run-json "$RATIO_BASE" check "$RATIO_BASE" 4))"
echo "- run --outputs json,xlsx,html --db vs check at $base rows: $(ratio run-all "$RATIO_BASE" check "$RATIO_BASE" 3) (RSS $(ratio run-all "$RATIO_BASE" check "$RATIO_BASE" 4))"
for name in "${COMMANDS[@]}"; do
    [[ "$name" == store-* ]] && continue
    echo "- $(describe "$name"), $big vs $base rows: $(verdict "$(ratio "$name" "$RATIO_BIG" "$name" "$RATIO_BASE" 3)" 11) (RSS $(ratio "$name" "$RATIO_BIG" "$name" "$RATIO_BASE" 4))"
done

fi

cp "$RESULTS" "$DATA/last-run.txt"

if awk '!($5 == 0 || $5 == 3) { bad = 1 } END { exit bad ? 0 : 1 }' "$RESULTS"; then
    say "Some runs failed; their logs are in $DATA/logs/."
    exit 1
fi
