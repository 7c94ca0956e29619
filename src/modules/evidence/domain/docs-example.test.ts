// The worked example in docs/evidence-formats.md §8 must stay true: its receipt verifies, final, with the
// documented keys and file, and the documented key IDs and identifiers match the code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVerifierKey, SM2_SM3_OID_DER } from './note-keys.js';
import { verifyReceipt } from './receipt.js';

const DOC = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/evidence-formats.md'), 'utf8');

/** The body of the first fenced code block after an HTML comment marker. */
function blockAfter(marker: string): string {
  const at = DOC.indexOf(`<!-- ${marker} -->`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(DOC.slice(at));
  if (at < 0 || !m?.[1]) throw new Error(`no code block after ${marker}`);
  return m[1];
}

describe('docs/evidence-formats.md worked example', () => {
  const keys = Object.fromEntries(
    blockAfter('example-keys')
      .split('\n')
      .filter((l) => l.includes('+'))
      .map((l) => [l.split(/\s{2,}/)[0], l.split(/\s+/).pop() ?? '']),
  );

  it('verifies as final with the documented keys, quorum 1 and file', () => {
    const receipt: unknown = JSON.parse(blockAfter('example-receipt'));
    const result = verifyReceipt(receipt, {
      logKeys: [keys['log (Ed25519)'] ?? '', keys['log (SM2)'] ?? ''],
      witnessKeys: [keys.witness ?? ''],
      quorum: 1,
      file: Buffer.from('hello, court\n'),
    });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, final: true });
    expect(result.witnesses).toEqual([{ name: 'witness.example/court', timestamp: 1767225600 }]);
  });

  it('documents the SM2 type bytes the code uses', () => {
    expect(DOC).toContain(`0xff ‖ ${SM2_SM3_OID_DER.toString('hex').replace(/(..)(?!$)/g, '$1 ')}`);
    expect(parseVerifierKey(keys['log (SM2)'] ?? '').type).toBe('sm2');
  });
});
