import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonStreamParser, parseJsonDocument } from '../../../src/modules/quality/sources/json-parser.js';
import { stringifyJson, type JsonValue } from '../../../src/modules/quality/sources/json-values.js';
import {
  jsonArrayFileSource,
  ndjsonFileSource,
  SourceError,
} from '../../../src/modules/quality/sources/index.js';
import { collect, fixtures, readInCappedHeap, rejection, rows } from './helpers.js';

const fx = fixtures('json');
afterAll(() => fx.cleanup());

/** Parses in chunks of `size` and returns the elements as plain JS (numbers as their text). */
function elements(text: string, size: number): unknown[] {
  const p = new JsonStreamParser({ mode: 'elements' });
  const out: JsonValue[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  out.push(...p.end());
  return out.map((v) => JSON.parse(stringifyJson(v)) as unknown);
}

describe('JsonStreamParser', () => {
  it('agrees with JSON.parse on any array, however the text is cut (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        (arr, size, pretty) => {
          const text = pretty ? JSON.stringify(arr, null, 2) : JSON.stringify(arr);
          expect(elements(text, size)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes \\u escapes including surrogate pairs and keeps brackets inside strings', () => {
    const text = '[{"s": "\\u4e2d\\u6587 \\ud83d\\ude00 ]}{[ \\"q\\" \\\\ \\/ \\n"}]';
    for (const size of [1, 2, 3, 5, 100])
      expect(elements(text, size)).toEqual([{ s: '中文 😀 ]}{[ "q" \\ / \n' }]);
  });

  it('rejects malformed JSON with a line and column', () => {
    const cases: [string, RegExp][] = [
      ['[{"a": 1,}]', /line 1, column 10.*trailing comma/],
      ['[{"a": 1}\n {"a": 2}]', /line 2, column 2.*expected ',' or '\]'/],
      ['[{"a": 01}]', /invalid number "01"/],
      ['[{"a": tru}]', /unexpected word "tru"/],
      ['[{"a": "x\ny"}]', /control character/],
      ['[{"a": "\\x"}]', /invalid escape/],
      ['[{"a": "\\ud800"}]', /lone surrogate/],
      ['[{"a": 1, "a": 2}]', /duplicate key "a"/],
      ['{"a": 1}', /expected a JSON array/],
      ['[{"a": 1}', /ends before the JSON is complete/],
      ['[{"a": 1}] x', /unexpected word "x"/],
      ['[{"a" 1}]', /expected ':'/],
    ];
    for (const [text, re] of cases) {
      let err: unknown;
      try {
        elements(text, 3);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(SourceError);
      expect((err as SourceError).code, text).toBe('FORMAT');
      expect((err as SourceError).message, text).toMatch(re);
    }
  });

  it('bounds a record, a string and the nesting depth', () => {
    const tooBig = new JsonStreamParser({ mode: 'elements', maxElementChars: 50 });
    tooBig.push('[{"a": 1}, ');
    expect(() =>
      tooBig.push(`{${Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`).join(', ')}}]`),
    ).toThrow(expect.objectContaining({ code: 'TOO_LARGE', rowNo: 2 }) as Error);
    expect(() => parseJsonDocument(`"${'x'.repeat(101)}"`, { maxStringChars: 100 })).toThrow(
      /longer than 100/,
    );
    expect(() => parseJsonDocument('['.repeat(200) + ']'.repeat(200))).toThrow(/nesting deeper than 128/);
  });

  it('parses one document with numbers kept as written', () => {
    const v = parseJsonDocument('{"n": 12345678901234567890, "f": 1.50, "e": -2E+3}');
    expect(stringifyJson(v)).toBe('{"n":12345678901234567890,"f":1.50,"e":-2E+3}');
    expect(() => parseJsonDocument('')).toThrow(/no JSON value/);
  });
});

describe('jsonArrayFileSource', () => {
  it('streams objects, turning scalars into text and nested values into their JSON text', async () => {
    const file = fx.file(
      'a.json',
      `\uFEFF[
  {"id": 12345678901234567890, "amount": 1.50, "ok": true, "none": null, "empty": "",
   "tags": ["a", {"b": [1, 2.0]}], "addr": {"city": "北京", "note": "]}"}, "__proto__": "x"},
  {"id": 2, "name": "\\u674e\\u56db \\ud83d\\ude00"}
]`,
    );
    const src = jsonArrayFileSource(file);
    expect(await src.columns()).toEqual([
      'id',
      'amount',
      'ok',
      'none',
      'empty',
      'tags',
      'addr',
      '__proto__',
      'name',
    ]);
    const all = await collect(src);
    expect(all.map((r) => r.rowNo)).toEqual([1, 2]);
    expect({ ...all[0]!.values }).toEqual({
      id: '12345678901234567890',
      amount: '1.50',
      ok: 'true',
      none: null,
      empty: null,
      tags: '["a",{"b":[1,2.0]}]',
      addr: '{"city":"北京","note":"]}"}',
      ['__proto__']: 'x',
      name: null,
    });
    expect(all[1]!.values.name).toBe('李四 😀');
    expect(Object.getPrototypeOf(all[0]!.values)).toBeNull();
  });

  it('resumes with skip and reports a malformed record with its position', async () => {
    const good = fx.file('many.json', JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ i }))));
    const rest = await collect(jsonArrayFileSource(good), { skip: 47 });
    expect(rest.map((r) => [r.rowNo, r.values.i])).toEqual([
      [48, '47'],
      [49, '48'],
      [50, '49'],
    ]);
    const bad = fx.file('bad.json', '[\n{"a": 1},\n{"a": 2},\n{"a": 3 "b": 4}\n]');
    const e = await rejection(collect(jsonArrayFileSource(bad)));
    expect(e).toMatchObject({ code: 'FORMAT', rowNo: 3, line: 4 });
    expect(e.message).toMatch(/line 4, column 9 \(record 3\)/);
  });

  it('rejects an element that is not an object and a later key outside the columns', async () => {
    const scalar = fx.file('scalar.json', '[{"a": 1}, 2]');
    expect((await rejection(collect(jsonArrayFileSource(scalar)))).message).toMatch(
      /record 2 is not a JSON object/,
    );
    const objs = [
      ...Array.from({ length: 1000 }, () => ({ a: 1 })),
      { a: 2, late: null },
      { a: 3, late: 'x' },
    ];
    const late = fx.file('late.json', JSON.stringify(objs));
    const e = await rejection(collect(jsonArrayFileSource(late)));
    expect(e).toMatchObject({ code: 'FORMAT', rowNo: 1002 });
    expect(e.message).toMatch(/key "late"/);
  });

  it('rejects a file that is not UTF-8', async () => {
    const file = fx.file(
      'gbk.json',
      Buffer.from([0x5b, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xd6, 0xd0, 0x22, 0x7d, 0x5d]),
    );
    expect((await rejection(collect(jsonArrayFileSource(file)))).code).toBe('ENCODING');
  });

  it('streams a large array in a heap too small to hold its records', async () => {
    const n = 200_000;
    const body = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: i, name: '张三', nested: { k: [i] } }),
    );
    const file = fx.file('big.json', `[${body.join(',\n')}]`);
    expect(await readInCappedHeap('jsonArrayFileSource', file, false)).toEqual({ code: 0, out: String(n) });
    expect((await readInCappedHeap('jsonArrayFileSource', file, true)).code).not.toBe(0);
  }, 120_000);
});

describe('ndjsonFileSource', () => {
  it('reads one object per line and skips blank lines', async () => {
    const src = ndjsonFileSource(
      fx.file('a.ndjson', '{"a": 1, "b": "x"}\r\n\n   \n{"a": 2.50}\n{"b": "中"}'),
    );
    expect(await rows(src)).toEqual([
      { a: '1', b: 'x' },
      { a: '2.50', b: null },
      { a: null, b: '中' },
    ]);
    expect((await collect(src, { skip: 2 })).map((r) => r.rowNo)).toEqual([3]);
  });

  it('names the line of a bad record', async () => {
    const src = ndjsonFileSource(fx.file('bad.ndjson', '{"a": 1}\n\n{"a": 2}\n{"a": 3,}\n'));
    const e = await rejection(collect(src));
    expect(e).toMatchObject({ code: 'FORMAT', line: 4, rowNo: 3 });
    expect(e.message).toMatch(/line 4, column 9/);
    const notObject = ndjsonFileSource(fx.file('arr.ndjson', '{"a": 1}\n[1]\n'));
    expect((await rejection(collect(notObject))).message).toMatch(/line 2 is not a JSON object/);
    const two = ndjsonFileSource(fx.file('two.ndjson', '{"a": 1} {"a": 2}\n'));
    expect((await rejection(collect(two))).message).toMatch(/line 1, column 10.*after the end/);
  });
});
