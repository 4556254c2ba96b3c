#!/usr/bin/env bash
# Runs a tenantwave-metrics benchmark on purpose (they are not part of the test suite).
#   tenantwave-metrics/bench.sh record [JMH options]       record() per call: JMH sample and average time, -prof gc
#   tenantwave-metrics/bench.sh sustained [tenants] [requestsPerTenantPerSecond] [seconds]
#                                                          one thread recording against the real broker and registry
# The sustained run starts its own broker and registry unless TW_KAFKA_BOOTSTRAP, TW_REGISTRY_URL and TW_PG_URL are set.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl tenantwave-metrics -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="tenantwave-metrics/target/test-classes:tenantwave-metrics/target/classes:$(cat tenantwave-metrics/target/bench.classpath)"
case "${1:-}" in
  record)
    exec java -Xmx512m -cp "$cp" org.openjdk.jmh.Main dev.tenantwave.metrics.bench.RecordBenchmark -prof gc "${@:2}" ;;
  sustained)
    exec java -Xmx1g ${TW_BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bench-logback.xml -cp "$cp" \
      dev.tenantwave.metrics.bench.SustainedThroughputMain "${@:2}" ;;
  *)
    echo "usage: $0 record [JMH options] | sustained [tenants] [requestsPerTenantPerSecond] [seconds]" >&2
    exit 2 ;;
esac
