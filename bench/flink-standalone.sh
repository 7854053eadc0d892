#!/usr/bin/env bash
# The job jar on a standalone Flink cluster, submitted the way docs/flink.md says (Flink's own CLI, `run -c`):
# a JobManager and a TaskManager in separate JVMs whose class path holds Flink and no Tripline or Drools class,
# so the shaded target/tripline.jar is loaded child-first as a user jar. For each scenario it runs the job
# (files in, alert files out) and diffs the alerts with the CLI's on the same input, with repeats not folded
# and folded within 1h.
# Prints the job runtimes. No Flink distribution needed: the cluster runs from the Flink jars Maven resolves.
#
# Then the first scenario once more through Kafka (a broker in its own JVM): events to a topic, committed alerts
# read back. FLINK_STANDALONE_KAFKA=0 skips that.
#
# Usage: bench/flink-standalone.sh [fixture-dir ...]   (default: two fixtures that need context and learning)
# Needs: curl. Ports: FLINK_REST_PORT (8081), FLINK_RPC_PORT (6123).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rest=${FLINK_REST_PORT:-8081}
rpc=${FLINK_RPC_PORT:-6123}
fixtures=("$@")
[ ${#fixtures[@]} -gt 0 ] || fixtures=(fixtures/learned-context-from-logons-and-services fixtures/context-inventory-yaml)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mvn -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$work/all.cp" -Dmdep.includeScope=provided
# Flink and what it needs, without the job's own libraries (those come from the job jar, child-first).
tr ':' '\n' < "$work/all.cp" | grep -v -e /org/drools/ -e /org/kie/ -e /com/fasterxml/ -e /info/picocli/ -e /com/google/re2j/ -e /org/mvel/ > "$work/flink.lst"
mvn -q dependency:build-classpath -Dmdep.outputFile="$work/slf4j.cp" -Dmdep.includeScope=runtime
tr ':' '\n' < "$work/slf4j.cp" | grep -e /org/slf4j/ >> "$work/flink.lst"
cp=$(paste -sd: "$work/flink.lst")

# The module openings Flink's own config.yaml passes to every JVM on Java 17.
opens=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

mkdir -p "$work/conf"
cat > "$work/conf/config.yaml" <<EOF
jobmanager:
  rpc: {address: localhost, port: $rpc}
  bind-host: localhost
  memory: {process: {size: 1024m}}
taskmanager:
  host: localhost
  bind-host: localhost
  numberOfTaskSlots: 2
  cpu: {cores: 2}
  # What Flink's start scripts compute from taskmanager.memory.process.size, given directly.
  memory:
    framework: {heap: {size: 128m}, off-heap: {size: 128m}}
    task: {heap: {size: 512m}, off-heap: {size: 0m}}
    managed: {size: 128m}
    network: {min: 64m, max: 64m}
    jvm-metaspace: {size: 256m}
    jvm-overhead: {min: 192m, max: 192m}
rest: {address: localhost, bind-address: localhost, port: $rest}
parallelism: {default: 2}
EOF

java "${opens[@]}" -Xmx768m -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$work/conf" > "$work/jobmanager.log" 2>&1 &
pids+=($!)
java "${opens[@]}" -Xms640m -Xmx640m -XX:MaxDirectMemorySize=256m -XX:MaxMetaspaceSize=256m -cp "$cp" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$work/conf" > "$work/taskmanager.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  if curl -s "localhost:$rest/overview" 2>/dev/null | grep -q '"slots-total":2'; then break; fi
  sleep 1
done
curl -s "localhost:$rest/overview" | grep -q '"slots-total":2' || { echo "the cluster did not come up; see $work/*.log" >&2; tail -20 "$work"/*.log >&2; exit 1; }
echo "standalone cluster up: 1 JobManager, 1 TaskManager with 2 slots (Flink $(curl -s "localhost:$rest/overview" | sed 's/.*"flink-version":"\([^"]*\)".*/\1/'))"

failed=0
for dir in "${fixtures[@]}"; do
  name=$(basename "$dir")
  args=()
  for f in "$dir"/*.yaml "$dir"/*.csv; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in
      scenario.yaml) ;;
      allowlist*) args+=(--allowlist "$root/$f") ;;
      *) args+=(--context "$root/$f") ;;
    esac
  done
  events="$root/$dir/events.jsonl"
  # Twice: every alert at once (the job's default; the CLI with --dedup-window 0s), then repeats folded within
  # 1h (the CLI's default).
  for window in 0s 1h; do
    run="$name-$window"
    FLINK_CONF_DIR="$work/conf" java "${opens[@]}" -cp "$cp" org.apache.flink.client.cli.CliFrontend run \
      -c dev.tripline.flink.TriplineJob target/tripline.jar --input "$events" --output "$work/out-$run" \
      --dedup-window "$window" "${args[@]}" \
      > "$work/submit-$run.log" 2>&1 || { echo "$run: submission failed" >&2; tail -20 "$work/submit-$run.log" >&2; failed=1; continue; }
    runtime=$(grep -o 'Job Runtime: [0-9]* ms' "$work/submit-$run.log" || echo "Job Runtime: ? ms")
    cat "$work/out-$run"/*/part-* 2>/dev/null | sort > "$work/flink-$run.jsonl" || true
    java -jar target/tripline.jar correlate --quiet --dedup-window "$window" "${args[@]}" "$events" | sort > "$work/cli-$run.jsonl"
    if diff -q "$work/flink-$run.jsonl" "$work/cli-$run.jsonl" > /dev/null; then
      echo "$name, --dedup-window $window: $(wc -l < "$work/flink-$run.jsonl") alerts, identical to the CLI's ($runtime)"
    else
      echo "$name, --dedup-window $window: the job's alerts differ from the CLI's ($runtime):" >&2
      diff "$work/flink-$run.jsonl" "$work/cli-$run.jsonl" >&2 || true
      failed=1
    fi
  done
done

# Kafka in, Kafka out, exactly once: the first scenario's events produced to a topic, the job submitted with the
# Kafka options the README shows (bounded, so it ends), the committed alerts read back (read_committed) and
# compared with the CLI's, event sources aside (a topic's differ from a file's). The connector and kafka-clients
# are on the cluster's class path, as flink-sql-connector-kafka in a real cluster's lib/.
if [ "${FLINK_STANDALONE_KAFKA:-1}" != 0 ]; then
  mvn -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/test.cp" -Dmdep.includeScope=test
  kcp="target/test-classes:target/classes:$(cat "$work/test.cp")"
  java -cp "$kcp" dev.tripline.flink.LocalKafka broker "$work/bootstrap" > "$work/kafka.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do [ -s "$work/bootstrap" ] && break; sleep 1; done
  [ -s "$work/bootstrap" ] || { echo "the Kafka broker did not come up; see $work/kafka.log" >&2; exit 1; }
  bootstrap=$(cat "$work/bootstrap")
  dir=${fixtures[0]}
  name=$(basename "$dir")
  events="$root/$dir/events.jsonl"
  java -cp "$kcp" dev.tripline.flink.LocalKafka topic "$bootstrap" events 2 2> /dev/null
  java -cp "$kcp" dev.tripline.flink.LocalKafka topic "$bootstrap" alerts 2 2> /dev/null
  java -cp "$kcp" dev.tripline.flink.LocalKafka produce "$bootstrap" events "$events" 2> /dev/null
  args=()
  for f in "$dir"/*.yaml "$dir"/*.csv; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in scenario.yaml) ;; allowlist*) args+=(--allowlist "$root/$f") ;; *) args+=(--context "$root/$f") ;; esac
  done
  FLINK_CONF_DIR="$work/conf" java "${opens[@]}" -cp "$cp" org.apache.flink.client.cli.CliFrontend run \
    -c dev.tripline.flink.TriplineJob target/tripline.jar --kafka-bootstrap "$bootstrap" --events-topic events \
    --alerts-topic alerts --transactional-id-prefix tripline-standalone --kafka-bounded --checkpoint-interval 2s "${args[@]}" \
    > "$work/submit-kafka.log" 2>&1 || { echo "kafka: submission failed" >&2; tail -20 "$work/submit-kafka.log" >&2; exit 1; }
  runtime=$(grep -o 'Job Runtime: [0-9]* ms' "$work/submit-kafka.log" || echo "Job Runtime: ? ms")
  java -cp "$kcp" dev.tripline.flink.LocalKafka read "$bootstrap" alerts 2> /dev/null | sort > "$work/flink-kafka.jsonl"
  java -jar target/tripline.jar correlate --quiet --dedup-window 0s "${args[@]}" "$events" \
    | java -cp "$kcp" dev.tripline.flink.LocalKafka strip 2> /dev/null | sort > "$work/cli-kafka.jsonl"
  if [ -s "$work/flink-kafka.jsonl" ] && diff -q "$work/flink-kafka.jsonl" "$work/cli-kafka.jsonl" > /dev/null; then
    echo "$name via Kafka: $(wc -l < "$work/flink-kafka.jsonl") committed alerts, identical to the CLI's, event sources aside ($runtime)"
  else
    echo "$name via Kafka: the committed alerts differ from the CLI's ($runtime):" >&2
    diff "$work/flink-kafka.jsonl" "$work/cli-kafka.jsonl" >&2 || true
    failed=1
  fi
fi
exit $failed
