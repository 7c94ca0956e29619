import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { loadRows } from '../sharing/sharing-fixtures.js';
import { send } from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';
import type { ExchangeWorld } from './exchange-fixtures.js';

// The leak-tracing world (issue 9 §3): a contacts resource with no free text and no watermark-tolerant item,
// so the only carrier is which extra character a mask hides; many grants of identical scope and masks to
// one consumer; helpers that leak a sample through CSV → XLSX → CSV.

/** Items of the contacts resource: I001 ID number (key), I002 name, I003 mobile, I004 address, I005 gender, I006 birth date. */
export function contactsBody(): Record<string, unknown> {
  const base = populationBody();
  const [id, name, gender, birth] = base.items as Record<string, unknown>[];
  return populationBody({
    classification: { category: 'basic', item: '01', catalog: '009' },
    name: '居民联系信息',
    summary: '本市居民的手机号码和居住地址，用于政务服务中的联系与送达。',
    items: [
      id,
      name,
      {
        name: 'mobile',
        label: '手机号码',
        dataType: 'string',
        length: 11,
        piiKind: 'mobile',
        nationalLevel: 'general3',
      },
      {
        name: 'address',
        label: '居住地址',
        dataType: 'string',
        length: 200,
        piiKind: 'address',
        nationalLevel: 'general3',
      },
      gender,
      birth,
    ],
  });
}

/** A small deterministic generator (tests must not depend on Math.random). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英'];
const STREETS = ['文三路', '天目山路', '教工路', '古墩路', '莫干山路', '学院路', '文一西路', '紫金港路'];

/** A synthetic resident (values by item name). */
export interface Resident {
  id_number: string;
  name: string;
  mobile: string;
  address: string;
  gender: string;
  birth_date: string;
}

/** n synthetic residents. */
export function residents(n: number, seed = 7): Resident[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const y = 1950 + Math.floor(r() * 55);
    const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const seq = String(i).padStart(3, '0');
    return {
      id_number: `330106${y}${m}${d}${seq}${i % 10}`,
      name: pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : ''),
      mobile: `1${pick(['38', '39', '58', '86', '89'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
      address: `浙江省杭州市西湖区${pick(STREETS)}${1 + Math.floor(r() * 400)}号${1 + Math.floor(r() * 30)}幢${100 + Math.floor(r() * 1500)}室`,
      gender: r() < 0.5 ? '1' : '2',
      birth_date: `${y}-${m}-${d}`,
    };
  });
}

/** The grant scope every tracing grant gets: all items, the same masks. */
export const TRACE_SCOPE = {
  items: [
    { code: 'I001' },
    { code: 'I002' },
    { code: 'I003' },
    { code: 'I004' },
    { code: 'I005' },
    { code: 'I006', mask: { kind: 'dateToYear' } },
  ],
  methods: ['api'],
};

/** Publishes the contacts resource, loads the residents, issues `n` identical grants to org B's client. */
export async function buildTraceWorld(t: TestPlatform, w: ExchangeWorld, rows: Resident[], n: number) {
  const resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, contactsBody());
  await loadRows(
    t,
    resourceId,
    rows.map((r) => ({ ...r })),
  );
  const approver = await ctxOf(t, w.tokens.approver);
  const grants: string[] = [];
  for (let i = 0; i < n; i++)
    grants.push(
      await issueGrant(
        t,
        approver,
        partRequest(w, 'population', {
          resourceId,
          items: ['I001', 'I002', 'I003', 'I004', 'I005', 'I006'],
          methods: ['api'],
          clientIds: [w.clientId],
        }),
        TRACE_SCOPE,
      ),
    );
  return { resourceId, grants };
}

/** Every record a grant delivers through the records API (the consumer's copy). */
export async function deliveredRows(t: TestPlatform, token: string, grantId: string) {
  const out: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/records?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 200) throw new Error(`records: ${res.statusCode} ${res.body}`);
    const body = res.json<{ items: Record<string, unknown>[]; next: string | null }>();
    out.push(...body.items);
    cursor = body.next;
  } while (cursor);
  return out;
}

/** A shuffled sample of a fraction of the rows, without the given columns. */
export function leakSample(rows: Record<string, unknown>[], fraction: number, drop: string[], seed: number) {
  const r = rng(seed);
  const shuffled = rows
    .map((row) => ({ row, k: r() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.row);
  return shuffled.slice(0, Math.round(rows.length * fraction)).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!drop.includes(k) && !k.startsWith('_')) out[k] = v;
    return out;
  });
}

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes rows as CSV with the given header. */
export function writeCsv(file: string, rows: Record<string, unknown>[]): void {
  const cols = Object.keys(rows[0] ?? {});
  const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))];
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
}

/**
 * CSV → XLSX → CSV as a person with a spreadsheet would: the CSV is read, numeric-looking cells become numbers
 * in the workbook (as a spreadsheet does on import), the workbook is saved, read back and saved as CSV.
 */
export async function roundTripThroughXlsx(csvIn: string, xlsx: string, csvOut: string): Promise<void> {
  const [head, ...lines] = fs.readFileSync(csvIn, 'utf8').trim().split(/\r?\n/);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('leak');
  ws.addRow(head!.split(','));
  for (const line of lines) ws.addRow(line.split(',').map((c) => (/^\d{1,15}$/.test(c) ? Number(c) : c)));
  await wb.xlsx.writeFile(xlsx);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(xlsx);
  const sheet = back.worksheets[0]!;
  const out: string[] = [];
  sheet.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    out.push(cells.map((c) => csvCell(c)).join(','));
  });
  fs.writeFileSync(csvOut, out.join('\r\n') + '\r\n');
}
