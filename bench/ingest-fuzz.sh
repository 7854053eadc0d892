#!/usr/bin/env bash
# Long runs of the ingest fuzz harness: mutated fixture lines and bad-input kinds (byte flips, truncation, NULs,
# BOMs, invalid UTF-8, surrogate escapes, line breaks) as JSON Lines, UTF-16 and JSON arrays. A case fails when an
# exception escapes or a JSON Lines line is not accounted exactly once (lines = normalized + skipped + rejected +
# blank). Then one JSON array element of HUGE_MB megabytes is streamed at -Xmx256m: rejected as too large, the
# elements around it read. The suite runs the same harness bounded (IngestFuzzTest).
# Usage: bench/ingest-fuzz.sh [iterations (10000)] [seed (time)] [huge-element-MB (228)]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
exec java -Xmx256m -cp "target/test-classes:target/tripline.jar" dev.tripline.ingest.IngestFuzz "$@"
