package cn.changai.indicators.score;

/**
 * The statistics of the methodology audit, as the OECD/JRC Handbook on Constructing Composite
 * Indicators (2008) and COINr define them: sample skewness and kurtosis (COINr's {@code skew} and
 * {@code kurt}, the type-2 estimators of e1071 that Excel's SKEW and KURT also use), the JRC
 * outlier rule, Pearson correlation on pairwise complete observations, and Cronbach's alpha.
 * Every input is an array with NaN for a missing value; NaN comes back where a statistic is not
 * defined.
 */
public final class AuditStatistics {

  /** The JRC rule: an indicator has outliers when |skewness| &gt; 2 and kurtosis &gt; 3.5. */
  public static final double SKEW_LIMIT = 2.0;
  public static final double KURT_LIMIT = 3.5;

  private AuditStatistics() {}

  /**
   * Sample skewness G1 = g1 × sqrt(n(n−1)) / (n−2), g1 = sqrt(n) Σd³ / (Σd²)^1.5 with d the
   * deviations from the mean; NaN with fewer than 3 values or no spread.
   */
  public static double skewness(double[] x) {
    double[] m = centralSums(x);
    double n = m[0];
    if (n < 3 || !(m[2] > 0)) {
      return Double.NaN;
    }
    double g1 = Math.sqrt(n) * m[3] / Math.pow(m[2], 1.5);
    return g1 * Math.sqrt(n * (n - 1)) / (n - 2);
  }

  /**
   * Sample excess kurtosis G2 = ((n+1)(r−3) + 6)(n−1) / ((n−2)(n−3)), r = n Σd⁴ / (Σd²)²; NaN
   * with fewer than 4 values or no spread. A normal sample gives about 0.
   */
  public static double kurtosis(double[] x) {
    double[] m = centralSums(x);
    double n = m[0];
    if (n < 4 || !(m[2] > 0)) {
      return Double.NaN;
    }
    double r = n * m[4] / (m[2] * m[2]);
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
  }

  /** The count n of the values present and Σd, Σd², Σd³, Σd⁴ of their deviations d from their mean. */
  private static double[] centralSums(double[] x) {
    double[] v = present(x);
    double mean = 0;
    for (double value : v) {
      mean += value;
    }
    mean = v.length == 0 ? 0 : mean / v.length;
    double[] sums = {v.length, 0, 0, 0, 0};
    for (double value : v) {
      double d = value - mean;
      sums[1] += d;
      sums[2] += d * d;
      sums[3] += d * d * d;
      sums[4] += d * d * d * d;
    }
    return sums;
  }

  /** True when the JRC rule fires: |skewness| &gt; 2 and kurtosis &gt; 3.5 (false when either is undefined). */
  public static boolean hasOutliers(double skewness, double kurtosis) {
    return Math.abs(skewness) > SKEW_LIMIT && kurtosis > KURT_LIMIT;
  }

  /** {@link #hasOutliers(double, double)} of the values. */
  public static boolean hasOutliers(double[] x) {
    return hasOutliers(skewness(x), kurtosis(x));
  }

  /**
   * Pearson's correlation over the positions where both have a value; NaN with fewer than 3 such
   * pairs or when either has no spread there.
   */
  public static double pearson(double[] x, double[] y) {
    double[] m = pairMoments(x, y);
    if (m[0] < 3 || !(m[2] > 0) || !(m[3] > 0)) {
      return Double.NaN;
    }
    return m[1] / Math.sqrt(m[2] * m[3]);
  }

  /**
   * Cronbach's alpha of k items (columns): k/(k−1) × (1 − Σ var_i / Σ cov_ij), the sums over the
   * covariance matrix, each covariance over the pairwise complete observations (divided by n−1);
   * NaN with fewer than 2 items or a pair with fewer than 2 observations.
   */
  public static double cronbachAlpha(double[][] columns) {
    int k = columns.length;
    if (k < 2) {
      return Double.NaN;
    }
    double diagonal = 0;
    double total = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double c = covariance(columns[i], columns[j]);
        if (Double.isNaN(c)) {
          return Double.NaN;
        }
        if (i == j) {
          diagonal += c;
          total += c;
        } else {
          total += 2 * c;
        }
      }
    }
    if (!(total > 0)) {
      return Double.NaN;
    }
    return k / (k - 1.0) * (1 - diagonal / total);
  }

  /** Sample covariance (n−1) over the pairwise complete observations; NaN with fewer than 2. */
  static double covariance(double[] x, double[] y) {
    double[] m = pairMoments(x, y);
    return m[0] < 2 ? Double.NaN : m[1] / (m[0] - 1);
  }

  /**
   * Over the positions where both have a value: their count n, and the sums of products of
   * deviations from the means of those positions, Σdxdy, Σdx², Σdy².
   */
  private static double[] pairMoments(double[] x, double[] y) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
      }
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    if (n > 0) {
      double mx = sx / n;
      double my = sy / n;
      for (int i = 0; i < x.length; i++) {
        if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
          double dx = x[i] - mx;
          double dy = y[i] - my;
          sxy += dx * dy;
          sxx += dx * dx;
          syy += dy * dy;
        }
      }
    }
    return new double[] {n, sxy, sxx, syy};
  }

  /**
   * How many distinct values the column holds other than {@code except} (NaN: no exception), NaN
   * never counted, counting up to 2.
   */
  static int distinct(double[] column, double except) {
    double first = Double.NaN;
    for (double v : column) {
      if (Double.isNaN(v) || v == except) {
        continue;
      }
      if (Double.isNaN(first)) {
        first = v;
      } else if (v != first) {
        return 2;
      }
    }
    return Double.isNaN(first) ? 0 : 1;
  }

  /** The values that are not NaN. */
  static double[] present(double[] x) {
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    double[] out = new double[n];
    int i = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        out[i++] = v;
      }
    }
    return out;
  }

}
