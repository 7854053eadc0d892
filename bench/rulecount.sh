#!/usr/bin/env bash
# Does the rule count set the speed? The bundled rules plus 1, 10, 100, 300 and all converted SigmaHQ
# process-creation rules over the same file in one run (correlate --sigma's path), events/s and the ratio to the
# one-rule rate, by wall time and by process CPU time. Needs ../shared (datasets and sigma).
# Usage: bench/rulecount.sh [events] [plain] [same-jvm]   (plain: also all rules without the prefilter, for comparison;
# same-jvm: every set in one JVM instead of one JVM per set)
# The collector bin/tripline runs (the parallel one), so the figures are the CLI's.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
exec java -Xmx4g -XX:+UseParallelGC -cp "target/test-classes:target/tripline.jar" dev.tripline.bench.RuleCountBenchmark "$@"
