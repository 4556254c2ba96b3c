package dev.tenantwave.rollout.plan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Which percentage step of a wave a tenant joins. A tenant's bucket (0..9999) is a stable hash of release and tenant
 * and it joins the first step whose {@code percent * 100} exceeds it, so every tenant of the 1 % step is in the 5 %
 * step too, and a release re-planned later puts each tenant in the same step. Steps hold their share of the cohort
 * on average, not exactly: in a small cohort a step may be empty.
 */
final class StepBuckets {

  static final int BUCKETS = 10_000;

  private StepBuckets() {}

  /** The first 8 bytes of SHA-256 of {@code releaseId/tenantId}, big-endian, as an unsigned long modulo 10,000. */
  static int bucket(String releaseId, String tenantId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((releaseId + "/" + tenantId).getBytes(StandardCharsets.UTF_8));
      return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int stepIndex(List<Integer> steps, int bucket) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) * 100 > bucket) {
        return i;
      }
    }
    throw new IllegalArgumentException("steps " + steps + " do not end at 100");
  }
}
