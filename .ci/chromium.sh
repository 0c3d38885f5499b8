#!/usr/bin/env bash
# Installs Debian's Chromium for the test that opens report.html in a real browser. Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo chromium present)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium.sh: /usr/bin/chromium missing and not running as root; install the Debian package 'chromium'." >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
/usr/bin/chromium --version
