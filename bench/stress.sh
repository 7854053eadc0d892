#!/usr/bin/env bash
# Stress: memory and speed under repetition and under many distinct keys, at the README's heap (-Xmx256m).
# Streams synthetic Sysmon process creations (every one an account-discovery detection, `net localgroup
# administrators`) through `bin/tripline correlate -` with the bundled rules, alerts to /dev/null, and prints per case:
# the exit code, wall seconds, events/s, the peak heap in use (before a GC) and the peak live heap (after a full
# GC forced every 5 s), both from the JVM's GC log, and the summary's state-limit and dedup lines. Cases:
#   repeat-10k, repeat-100k    10,000 / 100,000 repeats of one command by one account on one host, 100 per second
#   distinct-100k, distinct-1m 100,000 / 1,000,000 distinct (host, account) pairs within one hour of event time
# Usage: bench/stress.sh [CASE...]   (default: those four, the 1M case last; any repeat-N / distinct-N, N with k or m)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/tripline.jar ] || mvn -q -DskipTests package
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(repeat-10k repeat-100k distinct-100k distinct-1m)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# events KIND N SPAN_SECONDS: N Sysmon records spread evenly over SPAN_SECONDS of event time.
events() {
    python3 - "$@" <<'PY'
import sys, datetime
kind, n, span = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
t0 = datetime.datetime(2026, 3, 2, 9, 0, 0)
tpl = ('{"ProviderName": "Microsoft-Windows-Sysmon", "EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", '
       '"EventRecordID": "%d", "Computer": "%s", "UtcTime": "%s", "ProcessGuid": "{7cf65fc7-e247-6017-0804-%012d}", '
       '"ProcessId": "%d", "Image": "C:\\\\Windows\\\\System32\\\\net.exe", "FileVersion": "10.0.19041.1 (WinBuild.160101.0800)", '
       '"Description": "Net Command", "Product": "Microsoft Windows Operating System", "Company": "Microsoft Corporation", '
       '"OriginalFileName": "net.exe", "CommandLine": "net localgroup administrators", "CurrentDirectory": "C:\\\\Windows\\\\system32\\\\", '
       '"User": "CORP\\\\%s", "LogonId": "0x3c21d", "IntegrityLevel": "High", "ParentProcessId": "3100", '
       '"ParentImage": "C:\\\\Windows\\\\System32\\\\cmd.exe", "ParentCommandLine": "C:\\\\Windows\\\\System32\\\\cmd.exe"}\n')
out = sys.stdout
for i in range(n):
    at = (t0 + datetime.timedelta(seconds=span * i / n)).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]
    if kind == 'repeat':
        host, user = 'ws01.corp.local', 'alice'
    else:  # distinct (host, account): 1,000 hosts, a new account on each line
        host, user = 'ws%04d.corp.local' % (i % 1000), 'user%07d' % i
    out.write(tpl % (i + 1, host, at, i, 4000 + i % 60000, user))
PY
}

run() {
    local name=$1 kind=$2 n=$3 span=$4 t0 t1 rc pid
    t0=$(date +%s.%N)
    set +e
    events "$kind" "$n" "$span" 2> /dev/null | TRIPLINE_JAVA_OPTS="-Xmx256m -XX:+UseG1GC -Xlog:gc:file=$work/$name.gc" \
        bin/tripline correlate --format jsonl - > /dev/null 2> "$work/$name.err" &
    pid=$!
    # A full collection every 5 s: what is left after it is the live heap (a young collection leaves old garbage).
    while kill -0 "$pid" 2> /dev/null; do sleep 5; jcmd "$pid" GC.run > /dev/null 2>&1; done
    wait "$pid"
    rc=$?
    set -e
    t1=$(date +%s.%N)
    # G1 lines end like "Pause Young (Normal) (G1 Evacuation Pause) 120M->80M(256M) 5.123ms"
    before=$(grep -o '[0-9]*M->[0-9]*M' "$work/$name.gc" | tr -d M | awk -F'->' 'BEGIN{b=0} {if ($1>b) b=$1} END{print b}')
    live=$(grep 'Pause Full' "$work/$name.gc" | grep -o '[0-9]*M->[0-9]*M' | tr -d M | awk -F'->' 'BEGIN{a=0} {if ($2>a) a=$2} END{print a}')
    printf '%-14s %9d events  exit %-3s %8.1f s  %9.0f events/s  peak heap %4d MB  peak live (full GC every 5 s) %4d MB\n' \
        "$name" "$n" "$rc" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$n / ($t1 - $t0)" | bc -l)" "$before" "$live"
    grep -h 'state limit\|dedup:' "$work/$name.err" | sed 's/^ */  /' | cut -c1-200 || true
    [ "$rc" = 0 ] || { echo "  $(tail -1 "$work/$name.err")"; }
}

echo "bench/stress.sh: bundled rules, -Xmx256m, $(nproc) cores"
for c in "${cases[@]}"; do
    # KIND-N[k|m]: repeat (one command, one account, one host, 100 per second) or distinct (keys within an hour)
    [[ $c =~ ^(repeat|distinct)-([0-9]+)([km]?)$ ]] || { echo "unknown case $c (e.g. repeat-10k, distinct-1m)" >&2; exit 2; }
    n=${BASH_REMATCH[2]}
    case ${BASH_REMATCH[3]} in k) n=$((n * 1000)) ;; m) n=$((n * 1000000)) ;; esac
    if [ "${BASH_REMATCH[1]}" = repeat ]; then run "$c" repeat "$n" $((n / 100)); else run "$c" distinct "$n" 3600; fi
done
