#!/usr/bin/env bash
# Regenerates docs/report.png, the README's picture of the HTML report: runs `correlate --report` over bundled
# fixtures and has headless Chromium (Debian package chromium) screenshot the file.
#   bench/report-screenshot.sh            # writes docs/report.png (and leaves the report in target/report-demo/)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }
[ -f target/tripline.jar ] || mvn -q -B -ntp -DskipTests package
out=target/report-demo
rm -rf "$out" && mkdir -p "$out"
java -jar target/tripline.jar correlate --quiet --format jsonl -o "$out/alerts.jsonl" \
  --context fixtures/context-inventory-yaml/accounts.yaml \
  --allowlist fixtures/suppression-allowlist/allowlist.yaml \
  --report "$out/report.html" \
  fixtures/escalation-critical-server-parent/events.jsonl \
  fixtures/escalation-service-identities/events.jsonl \
  fixtures/escalation-local-system-sysmon/events.jsonl \
  fixtures/context-inventory-yaml/events.jsonl \
  fixtures/learned-context-from-logons-and-services/events.jsonl \
  fixtures/burst-three-in-ten-minutes/events.jsonl \
  fixtures/spread-three-hosts-in-an-hour/events.jsonl \
  fixtures/suppression-allowlist/events.jsonl
# The flags that keep Chromium off the network and out of the user's profile.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$out/chromium-profile" --hide-scrollbars \
  --window-size=1280,1500 --screenshot="$out/report.png" "file://$PWD/$out/report.html" 2>/dev/null
cp "$out/report.png" docs/report.png
echo "docs/report.png from $out/report.html ($(wc -l < "$out/alerts.jsonl") alerts)"
