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
#   COMMANDS="check run-json run-all"       which commands to time (leave out run-all for a quick check against run)
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
        check | run-json | run-all) ;;
        *)
            say "COMMANDS may hold check, run-json and run-all; '$name' is not one of them."
            exit 2
            ;;
    esac
done
wants() { [[ " ${COMMANDS[*]} " == *" $1 "* ]]; }

if ! [[ "$REPEAT" =~ ^[1-9][0-9]*$ ]]; then
    say "REPEAT must be a positive whole number, not '$REPEAT'."
    exit 2
fi
for size in $SIZES; do
    if ! [[ "$size" =~ ^[1-9][0-9]*$ ]]; then
        say "SIZES must hold positive whole numbers; '$size' is not one."
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
    esac
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
echo "$(nproc) cores, $(dotnet --version 2>/dev/null || echo 'dotnet ?'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), REPEAT=$REPEAT, template $TEMPLATE"
echo
echo "| command | rows | runs | wall s (median) | peak RSS MB (median) |"
echo "| --- | ---: | ---: | ---: | ---: |"
for size in $SIZES; do
    for name in synth "${COMMANDS[@]}"; do
        count="$(runs "$name" "$size")"
        [[ "$count" == 0 ]] && continue
        wall="$(median 3 "$name" "$size")"
        rss="$(median 4 "$name" "$size")"
        failed="$(failures "$name" "$size")"
        if [[ -z "$wall" ]]; then
            cells="failed | failed"
        else
            cells="$(awk -v w="$wall" -v r="$rss" 'BEGIN { printf "%.2f | %.1f", w, r / 1024 }')"
        fi
        note=""
        [[ "$failed" != 0 ]] && note=" ($failed failed)"
        echo "| $(describe "$name") | $(thousands "$size") | $count$note | $cells |"
    done
done

echo
echo "Ratios of median wall time (and of peak RSS):"
echo
base="$(thousands "$RATIO_BASE")"
big="$(thousands "$RATIO_BIG")"
echo "- run --no-store --outputs json vs check at $base rows: $(ratio run-json "$RATIO_BASE" check "$RATIO_BASE" 3) (RSS $(ratio run-json "$RATIO_BASE" check "$RATIO_BASE" 4))"
echo "- run --outputs json,xlsx,html --db vs check at $base rows: $(ratio run-all "$RATIO_BASE" check "$RATIO_BASE" 3) (RSS $(ratio run-all "$RATIO_BASE" check "$RATIO_BASE" 4))"
for name in "${COMMANDS[@]}"; do
    echo "- $(describe "$name"), $big vs $base rows: $(verdict "$(ratio "$name" "$RATIO_BIG" "$name" "$RATIO_BASE" 3)" 11) (RSS $(ratio "$name" "$RATIO_BIG" "$name" "$RATIO_BASE" 4))"
done

cp "$RESULTS" "$DATA/last-run.txt"

if awk '!($5 == 0 || $5 == 3) { bad = 1 } END { exit bad ? 0 : 1 }' "$RESULTS"; then
    say "Some runs failed; their logs are in $DATA/logs/."
    exit 1
fi
