// The PII detectors against the committed labelled set (test/fixtures/pii, seed 20260505). The set was
// committed before the detectors were tuned and must not be edited to make them pass; docs/pii-detection.md
// records the table this test prints.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation, LABELLED_SET_PATH, loadLabelledSet } from './pii-eval.js';

// SHA-256 of the set as committed before tuning; a different file is a different yardstick, not a fix.
const COMMITTED_SHA256 = 'b3651fffe120dab8af217c4e35f014b8aaf333879a1ed4d595fc4f93323029ef';

const set = loadLabelledSet();
const result = evaluate(set.columns);
const rowOf = (kind: string) => {
  const r = result.rows.find((x) => x.kind === kind);
  if (!r) throw new Error(`no row for ${kind}`);
  return r;
};

describe('PII detection on the labelled column set', () => {
  it('uses the committed set: fixed seed, at least 300 columns, at least 60 near-misses', () => {
    expect(set.seed).toBe(20260505);
    expect(set.columns.length).toBeGreaterThanOrEqual(300);
    expect(set.columns.filter((c) => c.label === null).length).toBeGreaterThanOrEqual(60);
    for (const c of set.columns) {
      expect(c.values.length).toBeGreaterThanOrEqual(20);
      expect(c.values.length).toBeLessThanOrEqual(60);
    }
    const variants = new Set(set.columns.map((c) => c.variant));
    for (const nearMiss of [
      'wrong check characters',
      'order numbers',
      'Luhn-valid',
      '11-digit',
      'company names',
    ]) {
      expect(
        [...variants].some((v) => v.startsWith('near-miss') && v.includes(nearMiss)),
        nearMiss,
      ).toBe(true);
    }
  });

  it('is the file committed before tuning, byte for byte', () => {
    const text = fs.readFileSync(LABELLED_SET_PATH, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(COMMITTED_SHA256);
  });

  it('prints the table', () => {
    console.log(`\n${formatEvaluation(result)}\n`);
    for (const m of result.misses) {
      console.log(
        `miss ${m.id} [${m.header}] ${m.variant}: labelled ${m.label}, got ${m.predicted} (${m.reason})`,
      );
    }
  });

  it.each(['idNumber', 'uscc', 'mobile', 'landline', 'phone', 'email'])(
    '%s: precision and recall at least 0.95',
    (kind) => {
      const r = rowOf(kind);
      expect(r.support).toBeGreaterThan(0);
      expect(r.precision).toBeGreaterThanOrEqual(0.95);
      expect(r.recall).toBeGreaterThanOrEqual(0.95);
    },
  );
});
