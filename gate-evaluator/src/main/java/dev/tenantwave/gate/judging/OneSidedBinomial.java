package dev.tenantwave.gate.judging;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/** P(X ≥ k) for X ~ Binomial(n, p): how surprising k bad requests out of n are if the true rate were p. */
final class OneSidedBinomial {

  private static final BinomialTest GREATER = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

  private OneSidedBinomial() {}

  static double pValueAtLeast(long n, long k, double p) {
    if (n <= 0) {
      return 1.0;
    }
    // The test takes ints; scaling both counts keeps the rate and loses only power, never adds false alarms.
    double scale = n > Integer.MAX_VALUE ? (double) Integer.MAX_VALUE / n : 1.0;
    int trials = (int) Math.floor(n * scale);
    int successes = (int) Math.min(trials, Math.floor(k * scale));
    return GREATER.test(trials, successes, p).getPValue();
  }
}
