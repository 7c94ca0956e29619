/** Index in [0, n) from a random source in [0, 1); clamps so a source returning 1 or NaN stays in range. */
export function pick(random: () => number, n: number): number {
  const r = random();
  return Number.isFinite(r) ? Math.min(n - 1, Math.max(0, Math.floor(r * n))) : 0;
}
