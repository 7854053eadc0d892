#!/usr/bin/env bash
# Soak: is memory bounded by the rules' windows, for ever? Streams EVENTS synthetic events (default 10,000,000)
# at EVENTS_PER_SECOND of event time (default 50: 55.6 h) through `tripline correlate -` with the bundled rules
# at -Xmx256m, printing the live heap (after a forced full GC) at every hour of event time, then a verdict:
# FLAT when the median live heap over hours 43-48 is within 10% of the median over hours 12-17 (after the
# longest lifetime, 12 h, has filled). Usage: bench/soak.sh [EVENTS] [EVENTS_PER_SECOND]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
exec java -Xmx256m -XX:+UseG1GC -cp "target/test-classes:target/tripline.jar" dev.tripline.bench.SoakBenchmark "$@"
