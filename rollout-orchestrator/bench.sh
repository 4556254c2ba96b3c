#!/usr/bin/env bash
# Runs a rollout-orchestrator benchmark on purpose (they are not part of the test suite).
#   rollout-orchestrator/bench.sh OrchestrationBenchmark [tenants[,tenants...]]
#   rollout-orchestrator/bench.sh ReactionBenchmark [trials]
# Starts the real Kafka, registry and PostgreSQL (test-support) unless TW_KAFKA_BOOTSTRAP, TW_REGISTRY_URL and
# TW_PG_URL point at running ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl rollout-orchestrator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g ${TW_BENCH_JAVA_OPTS:-} -cp "rollout-orchestrator/target/test-classes:rollout-orchestrator/target/classes:$(cat rollout-orchestrator/target/bench.classpath)" \
  "dev.tenantwave.rollout.bench.$1" "${@:2}"
