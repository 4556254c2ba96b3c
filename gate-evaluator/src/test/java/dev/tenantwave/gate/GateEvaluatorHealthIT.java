package dev.tenantwave.gate;

import dev.tenantwave.service.health.ServiceWithoutDatabaseHealthContract;

/** The gate's state is in Kafka Streams: it has no database, and PostgreSQL being down is none of its business. */
class GateEvaluatorHealthIT extends ServiceWithoutDatabaseHealthContract {}
