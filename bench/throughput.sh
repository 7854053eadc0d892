#!/usr/bin/env bash
# End-to-end throughput and memory beside a parse-only pass, on N realistic events (default 1,000,000)
# replayed from the shared research datasets (../shared/datasets). Usage: bench/throughput.sh [N] [repeats]
# The collector bin/tripline runs (the parallel one), so the figures are the CLI's.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
exec java -Xmx2g -XX:+UseParallelGC -cp "target/test-classes:target/tripline.jar" dev.tripline.bench.ThroughputBenchmark "$@"
