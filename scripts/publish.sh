#!/usr/bin/env bash
# Builds the executables that need no .NET SDK: self-contained, single-file, ReadyToRun, one per platform.
#
#   scripts/publish.sh                 linux-x64 and win-x64 into dist/<rid>/
#   RIDS="linux-x64" scripts/publish.sh
#   OUT=/tmp/dist scripts/publish.sh
#
# Each folder holds one program, auditkit (auditkit.exe on Windows), to copy anywhere: it carries the .NET runtime
# and opens templates, rules and submissions from the paths it is given. Also makes the .NET tool package
# (dist/tool/AuditKit.<version>.nupkg) unless TOOL=0.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${OUT:-dist}"
read -r -a RIDS <<< "${RIDS:-linux-x64 win-x64}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for rid in "${RIDS[@]}"; do
    case "$rid" in
        linux-x64 | linux-arm64 | win-x64 | win-arm64 | osx-x64 | osx-arm64) ;;
        *)
            echo "RIDS may hold linux-x64, linux-arm64, win-x64, win-arm64, osx-x64 and osx-arm64; '$rid' is not one of them." >&2
            exit 2
            ;;
    esac
    echo "Publishing $rid into $OUT/$rid ..." >&2
    # Its own artifacts folder, so that a publish never rewrites the Debug build the tests use.
    dotnet publish src/AuditKit.Cli/AuditKit.Cli.csproj -c Release -r "$rid" --self-contained true \
        -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true \
        -p:DebugType=none --artifacts-path "$OUT/.build" -o "$OUT/$rid" -nologo -v quiet >&2
    rm -f "$OUT/$rid"/*.xml   # API documentation of the libraries: not needed to run
    # The program is named as people type it (a single-file program finds its bundle whatever it is called).
    for ext in "" .exe; do
        if [[ -f "$OUT/$rid/AuditKit.Cli$ext" ]]; then
            mv -f "$OUT/$rid/AuditKit.Cli$ext" "$OUT/$rid/auditkit$ext"
        fi
    done
done

if [[ "${TOOL:-1}" != 0 ]]; then
    echo "Packing the .NET tool into $OUT/tool ..." >&2
    dotnet pack src/AuditKit.Cli/AuditKit.Cli.csproj -c Release --artifacts-path "$OUT/.build" -o "$OUT/tool" -nologo -v quiet >&2
fi

ls -l "$OUT"/*/auditkit "$OUT"/*/auditkit.exe "$OUT"/tool/*.nupkg 2>/dev/null || true
