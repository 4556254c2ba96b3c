#!/usr/bin/env bash
# Runs an e2e-tests benchmark on purpose (it is not part of the test suite):
#   e2e-tests/bench.sh ReactionBenchmark [trials]
#   e2e-tests/bench.sh RestartBenchmark [trials]
#   TW_STATE_DIR=... e2e-tests/bench.sh probe.SecurityProbe   (issue 13's probes against a running ./tw up stack)
# Packages the services' runnable jars first (their tests skipped), then starts the real Kafka, registry and
# PostgreSQL (test-support) unless TW_KAFKA_BOOTSTRAP, TW_REGISTRY_URL and TW_PG_URL point at running ones. The
# services' logs go to e2e-tests/target/bench-logs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl e2e-tests -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g ${TW_BENCH_JAVA_OPTS:-} -Dtw.e2e.root=. -Dtw.e2e.logs=e2e-tests/target/bench-logs \
  ${2:+-Dtw.bench.trials=$2} \
  -cp "e2e-tests/target/test-classes:$(cat e2e-tests/target/bench.classpath)" "dev.tenantwave.e2e.$1"
