#!/usr/bin/env bash
# JMH for the Sigma prefilter's matcher (dev.tripline.sigma.PrefilterJmh): nanoseconds per real process event to
# name the candidate rules, with the literals of 1, 10, 100 and all converted SigmaHQ process-creation rules, and
# the share of it that only reads the event's folded fields. Needs ../shared (datasets and sigma).
# Usage: bench/prefilter-jmh.sh [JMH options, e.g. -p rules=all -f 2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main PrefilterJmh "$@"
