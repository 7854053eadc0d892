#!/bin/sh
# Start-up time of the CLI (issue: start fast). Prints wall and CPU seconds, median of N runs, for:
#   1. bin/tripline correlate on a 5-event file with the bundled rules (prebuilt KieBase + CDS archive)
#   2. the same run compiling the bundled DRL at run time (a copy of rules-drl given with --rules)
#   3. bin/tripline --version (JVM start and CLI only)
#   4. every SigmaHQ process-creation rule loaded with --sigma (SIGMA_DIR, skipped when absent)
# Build first: mvn -q -DskipTests package. Usage: bench/startup.sh [RUNS] (default 5)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-5}
tl="$root/bin/tripline"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -5 "$root/fixtures/burst-one-alert-per-burst/events.jsonl" > "$work/five.jsonl"
cp -r "$root/rules-drl" "$work/rules"
echo "// a copy: not the prebuilt files" >> "$work/rules/tripline/events/event_lifetimes.drl"
# shared/ beside the checkout or one of its parents, as the tests find it
sigma=${SIGMA_DIR:-}
d=$root
while [ -z "$sigma" ] && [ "$d" != / ]; do
    [ -d "$d/shared/sigma/rules/windows/process_creation" ] && sigma="$d/shared/sigma/rules/windows/process_creation"
    d=$(dirname "$d")
done

measure() { # label, command...
    label=$1; shift
    : > "$work/times"
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2>&1 || true
        cat "$work/t" >> "$work/times"
        i=$((i + 1))
    done
    # the run with the median wall time, its wall and CPU (user + system) seconds
    sort -n "$work/times" | awk -v l="$label" '{ w[NR]=$1; c[NR]=$2+$3 } END {
        m=int((NR+1)/2); printf "%-44s wall %6.2f s   cpu %6.2f s   (median of %d)\n", l, w[m], c[m], NR }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
measure "correlate 5 events, bundled (prebuilt)" "$tl" correlate --quiet "$work/five.jsonl"
measure "correlate 5 events, DRL compiled at run" "$tl" correlate --quiet --rules "$work/rules" "$work/five.jsonl"
measure "--version" "$tl" --version
if [ -n "$sigma" ] && [ -d "$sigma" ]; then
    runs=1
    measure "correlate 5 events + all Sigma (--sigma)" "$tl" correlate --quiet --sigma "$sigma" "$work/five.jsonl"
else
    echo "all Sigma rules: skipped (shared/sigma not found beside the checkout; set SIGMA_DIR)"
fi
