import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../kernel/index.js';
import { eventLeaf } from './event-leaf.js';
import { leafText, leafTexts } from './leaf-text.js';
import type { EventRow } from './tables.js';

// The fast leaf writer must give exactly canonicalJson(eventLeaf(…)) — the sequencer stores what it writes and
// full verification compares against it.

const base: EventRow = {
  id: '019ac8a2-1b2c-7d3e-8f40-123456789abc',
  occurred_at: '2026-03-02T02:00:00.000Z',
  request_id: 'req-1',
  actor_kind: 'user',
  actor_id: 'u-1',
  actor_org_id: 'o-1',
  action: 'identity.user.create',
  subject_type: 'user',
  subject_id: 's-1',
  org_id: 'o-2',
  change_digest: 'ab'.repeat(32),
  digest_alg: 'sha256',
  details: '{"roles":"auditor","n":3}',
};

const variants: [string, Partial<EventRow>][] = [
  ['a plain event', {}],
  ['nulls everywhere they may be', { actor_id: null, actor_org_id: null, org_id: null, change_digest: null }],
  ['an empty change digest (no change object)', { change_digest: '' }],
  ['empty details', { details: '{}' }],
  ['nested and unordered details', { details: '{"z":1,"a":{"y":[3,{"b":1,"a":2}],"x":null},"m":"中文"}' }],
  ['quotes, backslashes, control characters', { subject_id: 'a"b\\c\n\t\u0001', request_id: '\u2028\u2029' }],
  ['non-ASCII and astral characters', { subject_type: '证据', actor_id: 'émoji 😀', action: 'x.ü' }],
  ['a lone surrogate', { subject_id: 'bad\ud800end' }],
  [
    'a notarisation (digest lifted to the top level)',
    { action: 'evidence.notarise', details: '{"fileDigest":"aa","fileDigestAlg":"sm3"}' },
  ],
  ['a notarisation without an algorithm', { action: 'evidence.notarise', details: '{"fileDigest":"aa"}' }],
  ['a number where text is expected', { subject_id: 42 as unknown as string }],
  ['numbers in details', { details: '{"big":1e21,"neg":-0,"f":0.1,"i":12345678901234}' }],
  ['a missing value', { request_id: undefined as unknown as string }],
];

describe('leafTexts', () => {
  it.each(variants)('writes %s exactly as canonicalJson(eventLeaf())', (_, patch) => {
    const e = { ...base, ...patch };
    for (const index of [0, 1, 17, 2 ** 40])
      expect(leafText(index, e)).toBe(canonicalJson(eventLeaf(index, e)));
  });

  it('writes runs that share values, and values that change back, exactly', () => {
    // The writer remembers each field's previous value; repeated, changed and alternating values all round-trip.
    const events = [0, 1, 2, 3, 4, 5].map((i) => ({
      ...base,
      action: i % 2 ? 'a.b' : 'a.c',
      actor_id: i < 3 ? null : 'u-2',
      subject_id: i === 4 ? 'a"b' : 's-1',
      org_id: i === 5 ? null : 'o-2',
    }));
    const texts = leafTexts(7, events);
    events.forEach((e, i) => expect(texts[i]).toBe(canonicalJson(eventLeaf(7 + i, e))));
  });

  it('writes a mixed batch at consecutive indices exactly', () => {
    const events = variants.map(([, patch]) => ({ ...base, ...patch }));
    const texts = leafTexts(1000, events);
    events.forEach((e, i) => expect(texts[i]).toBe(canonicalJson(eventLeaf(1000 + i, e))));
  });
});
