#!/usr/bin/env bash
# EVTX throughput, all readers on the same files in the same run: the shared real .evtx files (undamaged ones)
# repeated to about EVTX_BENCH_MB megabytes (default 300).
#   1. Tripline native read + normalize (test-scope main dev.tripline.bench.EvtxBenchmark): MB/s wall and per CPU-second
#   2. Tripline end to end: `tripline correlate` (bundled rules) over the same list, alerts to /dev/null
#   3. libevtx's evtxexport (Debian libevtx-utils), XML text to /dev/null
#   4. python-evtx's evtx_dump.py (Debian python3-evtx), one pass only (it is slow), MB/s extrapolated
# Files are read from the page cache after the first pass: this measures parsing, not the disk.
# Usage: bench/evtx.sh     Needs: evtxexport, evtx_dump.py (apt-get install libevtx-utils python3-evtx)
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${EVTX_BENCH_MB:-300}
shared=""
for d in "$(pwd)" "$(cd .. && pwd)" "$(cd ../.. && pwd)"; do [ -d "$d/shared/evtx" ] && { shared="$d/shared"; break; }; done
[ -n "$shared" ] || { echo "shared/evtx not found beside the checkout" >&2; exit 1; }
s="$shared/evtx/omerbenamram"
files=("$s/security.evtx" "$s/system.evtx" "$s/sysmon.evtx" "$s/sample-with-irregular-bool-values.evtx"
  "$s/Security_with_size_t.evtx" "$s/2-vss_7-System.evtx" "$s/E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx")
once=$(du -cb "${files[@]}" | tail -1 | cut -f1)
repeat=$(( (target_mb * 1000000 + once - 1) / once ))
total=$(( once * repeat ))
list=()
for _ in $(seq "$repeat"); do list+=("${files[@]}"); done
printf 'corpus: %d files, %.1f MB, repeated %d times = %.1f MB\n' "${#files[@]}" "$(echo "$once/1000000" | bc -l)" "$repeat" "$(echo "$total/1000000" | bc -l)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat "$work/cp")"

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
rate() { printf '%.1f' "$(echo "$total / 1000000 / $1" | bc -l)"; }

echo "== 1. Tripline native read + normalize"
java -Xmx1g -cp "$cp" -Drepeat="$repeat" dev.tripline.bench.EvtxBenchmark "${files[@]}"

echo "== 2. Tripline end to end: correlate"
t=$(seconds java -Xmx1g -jar target/tripline.jar correlate "${list[@]}")
echo "correlate: $(printf '%.2f' "$t") s wall, $(rate "$t") MB/s"

echo "== 3. libevtx evtxexport $(evtxexport -V 2>/dev/null | head -1 | awk '{print $2}')"
export_all() { for f in "${list[@]}"; do evtxexport -f xml "$f"; done; }
t=$(seconds export_all)
echo "evtxexport: $(printf '%.2f' "$t") s wall, $(rate "$t") MB/s (single-threaded)"

echo "== 4. python-evtx evtx_dump.py (one pass of $(printf '%.1f' "$(echo "$once/1000000" | bc -l)") MB)"
py_all() { for f in "${files[@]}"; do evtx_dump.py "$f"; done; }
t=$(seconds py_all)
echo "python-evtx: $(printf '%.2f' "$t") s wall, $(printf '%.2f' "$(echo "$once / 1000000 / $t" | bc -l)") MB/s"
