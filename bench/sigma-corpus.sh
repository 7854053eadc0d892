#!/usr/bin/env bash
# KieBase build time and events/s with one converted Sigma rule versus the whole SigmaHQ process-creation corpus.
# Needs ../shared (datasets and sigma). Usage: bench/sigma-corpus.sh [events]
# The collector bin/tripline runs (the parallel one), so the figures are the CLI's.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
exec java -Xmx4g -XX:+UseParallelGC -cp "target/test-classes:target/tripline.jar" dev.tripline.bench.SigmaCorpusBenchmark "$@"
