#!/usr/bin/env bash
# Runs a migration-worker benchmark on purpose (they are not part of the test suite).
#   migration-worker/bench.sh FleetExpandBenchmark [tenants] [concurrency[,concurrency...]]
#   migration-worker/bench.sh PooledBackfillBenchmark [tenants] [rowsPerTenant] [foregroundThreads]
# Uses an embedded PostgreSQL 17 unless TW_PG_URL (with TW_PG_USER, TW_PG_PASSWORD) points at a server.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl migration-worker -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g ${TW_BENCH_JAVA_OPTS:-} -cp "migration-worker/target/test-classes:migration-worker/target/classes:$(cat migration-worker/target/bench.classpath)" \
  "dev.tenantwave.migration.bench.$1" "${@:2}"
