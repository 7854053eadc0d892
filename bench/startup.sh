#!/bin/sh
# Start-up time of the CLI (issue: start fast). Prints wall and CPU (user + system) seconds, min and median of N runs:
#   1. bin/tripline correlate on a 5-event file with the bundled rules (prebuilt KieBase + CDS archive, the base read
#      while the command line starts), and the same with that read not started early (-Dtripline.prefetch=false)
#   2. the same run compiling the bundled DRL at run time (a copy of rules-drl given with --rules, no rules cache)
#   3. bin/tripline --version (JVM start and CLI only)
#   4. every SigmaHQ process-creation rule loaded with --sigma (SIGMA_DIR, skipped when absent): cold (an empty rules
#      cache: convert, compile, store) and warm (the same files again: read from the cache)
# Build first: mvn -q -DskipTests package. Usage: bench/startup.sh [RUNS] (default 5; the cold Sigma run at most 3)
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

measure() { # label, runs, before-each-run command ("" for none), command...
    label=$1; n=$2; before=$3; shift 3
    : > "$work/times"
    i=0
    while [ "$i" -lt "$n" ]; do
        [ -n "$before" ] && sh -c "$before"
        /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2>&1 || true
        cat "$work/t" >> "$work/times"
        i=$((i + 1))
    done
    # wall and CPU (user + system of all threads) seconds: min and median, each sorted on its own
    w=$(awk '{ print $1 }' "$work/times" | sort -n | awk '{ a[NR]=$1 } END { printf "%6.2f %6.2f", a[1], a[int((NR+1)/2)] }')
    c=$(awk '{ print $2 + $3 }' "$work/times" | sort -n | awk '{ a[NR]=$1 } END { printf "%6.2f %6.2f", a[1], a[int((NR+1)/2)] }')
    printf "%-46s wall min/median %s s   cpu min/median %s s   (%d runs)\n" "$label" "$w" "$c" "$n"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
measure "correlate 5 events, bundled (prebuilt)" "$runs" "" "$tl" correlate --quiet "$work/five.jsonl"
measure "  the same, base not read early" "$runs" "" env TRIPLINE_JAVA_OPTS=-Dtripline.prefetch=false "$tl" correlate --quiet "$work/five.jsonl"
measure "correlate 5 events, DRL compiled at run" "$runs" "" "$tl" correlate --quiet --no-rules-cache --rules "$work/rules" "$work/five.jsonl"
measure "--version" "$runs" "" "$tl" --version
if [ -n "$sigma" ] && [ -d "$sigma" ]; then
    cold=$runs; [ "$cold" -gt 3 ] && cold=3
    measure "correlate 5 events + all Sigma, cold cache" "$cold" "rm -rf '$work/cache'" \
        "$tl" correlate --quiet --rules-cache "$work/cache" --sigma "$sigma" "$work/five.jsonl"
    measure "correlate 5 events + all Sigma, warm cache" "$runs" "" \
        "$tl" correlate --quiet --rules-cache "$work/cache" --sigma "$sigma" "$work/five.jsonl"
    echo "cache entry: $(du -k "$work/cache" | cut -f1) KiB"
else
    echo "all Sigma rules: skipped (shared/sigma not found beside the checkout; set SIGMA_DIR)"
fi
