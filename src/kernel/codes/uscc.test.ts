import { describe, expect, it } from 'vitest';
import { checkOrgCode, checkUscc, makeUscc, randomUscc, usccCheckChar } from './index.js';

const codes = (s: string) => checkUscc(s).issues.map((i) => `${i.severity}:${i.code}`);

describe('checkUscc', () => {
  it('accepts the GB 32100 example', () => {
    expect(checkUscc('91310110666007217T')).toEqual({ ok: true, value: '91310110666007217T', issues: [] });
    expect(usccCheckChar('91310110666007217')).toBe('T');
  });

  it('normalises: trim, full-width, uppercase', () => {
    for (const s of [
      '  91310110666007217T ',
      '91310110666007217t',
      '９１３１０１１０６６６００７２１７Ｔ',
      '\u300091310110666007217t',
    ]) {
      expect(checkUscc(s).value).toBe('91310110666007217T');
    }
  });

  it('accepts central-level codes registered under 100000', () => {
    expect(codes('11100000000013338W')).toEqual([]); // 住房和城乡建设部
  });

  it('rejects a bad length', () => {
    expect(codes('')).toEqual(['error:USCC_LENGTH']);
    expect(codes('91310110666007217')).toEqual(['error:USCC_LENGTH']);
    expect(codes('91310110666007217TT')).toEqual(['error:USCC_LENGTH']);
  });

  it('rejects characters outside the charset (I, O, S, V, Z, symbols)', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '-']) {
      expect(codes(`91310110666007217${bad}`)).toEqual(['error:USCC_CHAR']);
    }
  });

  it('rejects a bad checksum', () => expect(codes('91310110666007217U')).toEqual(['error:USCC_CHECKSUM']));

  it('rejects an unknown province and a non-numeric region', () => {
    expect(codes(makeUscc('9', '1', '990000', '666007217'))).toEqual(['error:REGION_PROVINCE_UNKNOWN']);
    const letters = '9131A110666007217';
    expect(codes(letters + usccCheckChar(letters))).toEqual(['error:REGION_FORMAT']);
  });

  it('only warns about an unknown full region code', () => {
    const r = checkUscc(makeUscc('9', '1', '110103', '666007217'));
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'REGION_UNKNOWN', severity: 'warning' })]);
  });

  it('accepts a code whose embedded organisation code fails GB 11714', () => {
    expect(checkOrgCode('MA1FP1234').ok).toBe(false);
    const uscc = makeUscc('9', '1', '310110', 'MA1FP1234');
    expect(checkUscc(uscc)).toEqual({ ok: true, value: uscc, issues: [] });
  });
});

describe('makeUscc', () => {
  it('builds the example from its parts', () => {
    expect(makeUscc('9', '1', '310110', '666007217')).toBe('91310110666007217T');
    expect(makeUscc('9', '1', '310110', '66600721-7')).toBe('91310110666007217T');
  });
  it('throws RangeError on malformed parts', () => {
    expect(() => makeUscc('9', '1', '31011', '666007217')).toThrow(RangeError);
    expect(() => makeUscc('I', '1', '310110', '666007217')).toThrow(RangeError);
    expect(() => makeUscc('91', '', '310110', '666007217')).toThrow(RangeError);
    expect(() => makeUscc('9', '1', '310110', '66600721')).toThrow(RangeError);
    expect(() => usccCheckChar('9131011066600721O')).toThrow(RangeError);
  });
  it('randomUscc is deterministic and valid', () => {
    const seeded = () => {
      let s = 42;
      return () => (s = (s * 48271) % 2147483647) / 2147483647;
    };
    const a = randomUscc(seeded());
    expect(randomUscc(seeded())).toBe(a);
    expect(checkUscc(a)).toMatchObject({ ok: true, issues: [] });
    expect(checkOrgCode(a.slice(8, 17)).ok).toBe(true);
  });
});
