#!/usr/bin/env bash
# Times a whole `auditkit run` of 100,000 synthetic audits with every output, with and without the SQLite store.
# Usage: bash tests/AuditKit.Benchmarks/Store/measure-run.sh [count]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/AuditKit.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/AuditKit.Cli/bin/Release/net10.0/AuditKit.Cli.dll)
"${cli[@]}" synth --template templates/quality-of-practice.yaml --count "$count" --seed 7 --out "$work/audits.csv" >/dev/null
for mode in --no-store "--db $work/auditkit.db" "--db $work/auditkit.db"; do
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "${cli[@]}" run --template templates/quality-of-practice.yaml --submissions "$work/audits.csv" --out "$work/out" --as-of 2026-11-30 $mode \
    | grep -E '^Store ' || true
  end=$(date +%s.%N)
  printf '%s: %.1f s\n' "${mode%% *}" "$(echo "$end - $start" | bc)"
done
