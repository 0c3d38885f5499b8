#!/usr/bin/env bash
# Start-up time of the three ways to run auditkit: the single-file executable (scripts/publish.sh), the
# framework-dependent published build, and `dotnet run` (already built). Times `auditkit --version` and
# `auditkit check` on samples/audits, REPEAT times each after one untimed warm-up run, and prints the medians (wall s).
#
#   bench/startup.sh              REPEAT=5
#   SKIP_BUILD=1 bench/startup.sh  reuse bench/data/startup/ from an earlier run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPEAT="${REPEAT:-5}"
DATA="${BENCH_DATA:-bench/data}/startup"
case "$(uname -m)" in
    aarch64 | arm64) RID=linux-arm64 ;;
    *) RID=linux-x64 ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ -z "${SKIP_BUILD:-}" ]]; then
    OUT="$DATA/exe" RIDS="$RID" TOOL=0 scripts/publish.sh >/dev/null
    dotnet publish src/AuditKit.Cli -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true \
        --artifacts-path "$DATA/.build-fd" -o "$DATA/fd" -nologo -v quiet >&2
    dotnet build src/AuditKit.Cli -nologo -v quiet >&2
fi

CHECK=(check --template templates/quality-of-practice.yaml --submissions samples/audits)

# Median wall seconds of REPEAT runs of the command given (its exit code 0 or 3 counts as success).
median() {
    local times=() start end code
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$REPEAT"); do
        start=$(date +%s.%N)
        code=0
        "$@" >/dev/null 2>&1 || code=$?
        end=$(date +%s.%N)
        if [[ $code != 0 && $code != 3 ]]; then
            echo "'$*' exited $code" >&2
            exit 1
        fi
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

echo "| build | \`--version\` s | \`check\` on samples/audits s |"
echo "| --- | ---: | ---: |"
for name in exe fd run; do
    case "$name" in
        exe) CLI=("$DATA/exe/$RID/auditkit"); label="single-file executable" ;;
        fd) CLI=("$DATA/fd/AuditKit.Cli"); label="framework-dependent (ReadyToRun)" ;;
        run) CLI=(dotnet run --no-launch-profile --project src/AuditKit.Cli --); label="dotnet run" ;;
    esac
    echo "| $label | $(median "${CLI[@]}" --version) | $(median "${CLI[@]}" "${CHECK[@]}") |"
done
echo
echo "$(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version)"
