package dev.tenantwave.metrics.bench;

import java.util.Random;

/**
 * 65,536 precomputed requests, so that a benchmark's loop only reads arrays: a tenant drawn uniformly, 1 % 503 and
 * 2 % 404 answers, log-normal latencies around 40 ms with σ = 0.4 (the gate benchmark's).
 */
final class BenchRequests {

  static final int MASK = (1 << 16) - 1;

  final String[] tenantIds;
  final String[] tenant = new String[MASK + 1];
  final int[] status = new int[MASK + 1];
  final long[] latencyNanos = new long[MASK + 1];

  BenchRequests(int tenants) {
    tenantIds = new String[tenants];
    for (int t = 0; t < tenants; t++) {
      tenantIds[t] = "tenant-" + t;
    }
    Random random = new Random(1);
    for (int i = 0; i <= MASK; i++) {
      tenant[i] = tenantIds[random.nextInt(tenants)];
      int draw = random.nextInt(100);
      status[i] = draw == 0 ? 503 : draw <= 2 ? 404 : 200;
      latencyNanos[i] = (long) (40e6 * Math.exp(0.4 * random.nextGaussian()));
    }
  }
}
