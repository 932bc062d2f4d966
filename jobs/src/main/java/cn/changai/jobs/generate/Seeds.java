package cn.changai.jobs.generate;

import java.util.SplittableRandom;

/**
 * Derives every random stream of the generator from the one seed, so that what a file holds depends
 * on the seed, its enterprise and its period only: never on which thread wrote it, nor on the other
 * periods asked for.
 */
final class Seeds {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** SplitMix64's finaliser: a bijection of 64-bit values that scatters neighbouring inputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value derived from a parent value and one more part. */
  static long derive(long parent, long part) {
    return mix(parent + GOLDEN * (part + 1));
  }

  /** The seed of one enterprise's submission for one period. */
  static long submission(long seed, int enterprise, String period) {
    // String.hashCode is specified by the JLS, so the period's share is the same on every JVM.
    return derive(derive(mix(seed), enterprise), period.hashCode());
  }

  /** The random stream of one enterprise's submission for one period. */
  static SplittableRandom random(long seed, int enterprise, String period) {
    return new SplittableRandom(submission(seed, enterprise, period));
  }

  /** A uniform double in [0, 1) taken from the top 53 bits of a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
