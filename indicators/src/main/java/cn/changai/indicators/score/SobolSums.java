package cn.changai.indicators.score;

import java.util.Collection;

/**
 * The running sums behind variance-based sensitivity indices of one output: Saltelli et al.
 * (2010, "Variance based sensitivity analysis of model output", Computer Physics Communications
 * 181) first-order estimator {@code V_i = 1/N Σ f(B)(f(A_B^i) − f(A))} and Jansen's total-order
 * estimator {@code V_Ti = 1/(2N) Σ (f(A) − f(A_B^i))²}, each divided by the output's variance over
 * the 2N evaluations of A and B. Several outputs (the ranks of many units) are pooled by adding
 * their partial variances and their variances before dividing.
 */
public final class SobolSums {

  private final int inputs;
  private final double[] first;
  private final double[] total;
  private long rows;
  private double sum;
  private double squares;

  public SobolSums(int inputs) {
    this.inputs = inputs;
    this.first = new double[inputs];
    this.total = new double[inputs];
  }

  /** One row of the design: f(A), f(B), and f(A_B^i) for every input i. */
  public void add(double fA, double fB, double[] fAB) {
    for (int i = 0; i < inputs; i++) {
      first[i] += fB * (fAB[i] - fA);
      double d = fA - fAB[i];
      total[i] += d * d;
    }
    rows++;
    sum += fA + fB;
    squares += fA * fA + fB * fB;
  }

  /** The variance of the output over the 2N evaluations of A and B (divided by 2N). */
  public double variance() {
    if (rows == 0) {
      return 0;
    }
    double n = 2.0 * rows;
    double mean = sum / n;
    return Math.max(0, squares / n - mean * mean);
  }

  /** V_i, the first-order partial variance of input i. */
  public double firstVariance(int i) {
    return rows == 0 ? 0 : first[i] / rows;
  }

  /** V_Ti, the total-order partial variance of input i. */
  public double totalVariance(int i) {
    return rows == 0 ? 0 : total[i] / (2.0 * rows);
  }

  /** The first-order and total-order indices of each input, pooled over the outputs; NaN when nothing varies. */
  public static double[][] pooled(Collection<SobolSums> outputs, int inputs) {
    double variance = 0;
    double[] first = new double[inputs];
    double[] total = new double[inputs];
    for (SobolSums s : outputs) {
      variance += s.variance();
      for (int i = 0; i < inputs; i++) {
        first[i] += s.firstVariance(i);
        total[i] += s.totalVariance(i);
      }
    }
    double[][] out = new double[2][inputs];
    for (int i = 0; i < inputs; i++) {
      out[0][i] = variance > 0 ? first[i] / variance : Double.NaN;
      out[1][i] = variance > 0 ? total[i] / variance : Double.NaN;
    }
    return out;
  }
}
