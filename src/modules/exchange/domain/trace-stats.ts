// The false-positive bound of a trace (docs/watermarks.md). For a grant that did not deliver the leaked
// rows, each fitting row i matches the grant's own rendering independently with probability at most p_i (the
// grant's choices are keyed by a secret the leaker does not hold), so the number of matches X is bounded by a
// Poisson-binomial variable with mean μ = Σ p_i. The Chernoff bound for such a sum gives, for k > μ,
//   P[X ≥ k] ≤ e^(−μ) · (e·μ / k)^k
// which needs no assumption about how the p_i differ. It is computed in logarithms: the true recipient's
// figure for a few hundred rows is far below what a double can hold.

/** A grant is named only when the chance of so many matches without it is below this (per grant). */
export const NAMING_THRESHOLD_LOG10 = -9;

/** log10 of the Chernoff upper bound of P[X ≥ k] for a Poisson-binomial X with mean μ (0 when k ≤ μ). */
export function log10Tail(k: number, mu: number): number {
  if (k <= mu) return 0;
  if (mu <= 0) return -Infinity;
  const ln = k - mu + k * Math.log(mu / k);
  return Math.min(0, ln / Math.LN10);
}

/** The bound as text: "≤ 3.2e-71", "< 1e-300" when it underflows, "1" when nothing is shown. */
export function describeBound(log10: number): string {
  if (log10 >= 0) return '1';
  if (!Number.isFinite(log10) || log10 < -300) return '< 1e-300';
  const exp = Math.floor(log10);
  const mant = 10 ** (log10 - exp);
  return `≤ ${mant.toFixed(1)}e${exp}`;
}
