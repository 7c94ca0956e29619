import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatShanghai, makeIdNumber, makeUscc, newId, systemContext } from '../src/kernel/index.js';
import type { Engine, RequestContext } from '../src/kernel/index.js';
import { allCountyCodes } from '../src/kernel/codes/region.js';
import { defaultPolicyTable, type Item } from '../src/modules/catalogue/index.js';
import { normaliseResource, resourceInputSchema } from '../src/modules/catalogue/domain/resource/index.js';
import { DataKeys, type CellValue } from '../src/modules/datastore/index.js';
import { encodeRow } from '../src/modules/datastore/cell-codec.js';
import { physicalColumns } from '../src/modules/datastore/data-tables.repository.js';
import { tableNames } from '../src/modules/datastore/domain/layout.js';
import { compileValidator, generateRules } from '../src/modules/quality/domain/validate/index.js';
import { applyMapping, resolveMapping } from '../src/modules/quality/mapping.js';
import { csvFileSource } from '../src/modules/quality/sources/csv.js';
import type { Platform } from '../src/server/platform.js';
import { benchPlatform, rawConnection, type RawConn } from './engines.js';

// One phase of `npm run bench -- ingest`, in a process of its own so its peak RSS is its own (bench/ingest.ts
// spawns it). Also the workload: the person resource (10 items, 2 encrypted at rest) and its deterministic
// row generator, shared by the CSV the parent writes and the already-parsed rows of the baseline.
//   ingest   <engine> <csv file>  upload + createJob + runner.run on a fresh platform (all rules, versioning)
//   baseline <engine> <rows>      the same accepted rows, encoded (encodeRow: AEAD + blind index) and inserted
//                                 with the raw driver into the resource's own data table, 2,000 rows per tx
//   stream   <csv file>           CSV reader → mapping → validator, no database
// The result is one JSON line on stdout. The peak RSS of the measured part (`phasePeakKiB`) is the kernel's
// high-water mark (VmHWM), reset just before it starts (Linux /proc/self/clear_refs), so setup spikes — the
// bootstrap hashes three passwords with 32 MiB scrypt each — do not count; `processMaxRssKiB` is the whole
// process's process.resourceUsage().maxRSS.

/** Items of the person resource: id_number and name are at 一般3, so they are encrypted at rest. */
export function personResourceBody(): Record<string, unknown> {
  const item = (name: string, label: string, extra: Record<string, unknown>) => ({
    name,
    label,
    dataType: 'string',
    nationalLevel: 'general1',
    ...extra,
  });
  return {
    classification: { category: 'basic', item: '01', catalog: '001' },
    name: '人口基本信息（基准测试）',
    summary:
      '基准测试用的户籍人口基本信息：身份证号、姓名、性别、出生日期、民族、户籍地、学历、婚姻状况、手机号码。',
    format: 'table',
    items: [
      item('id_number', '公民身份号码', {
        length: 18,
        primaryKey: true,
        piiKind: 'idNumber',
        nationalLevel: 'general3',
      }),
      item('name', '姓名', { length: 50, piiKind: 'name', nationalLevel: 'general3' }),
      item('gender', '性别', { length: 1 }),
      item('birth_date', '出生日期', { dataType: 'date', piiKind: 'birthDate', nationalLevel: 'general2' }),
      item('nation', '民族', { length: 2 }),
      item('household_region', '户籍地区划', { length: 6, nationalLevel: 'general2' }),
      item('education', '学历', { length: 2 }),
      item('marital_status', '婚姻状况', { length: 2 }),
      item('mobile', '手机号码', { length: 11, piiKind: 'mobile', nationalLevel: 'general2' }),
      item('registered_at', '登记日期', { dataType: 'date' }),
    ],
    share: {
      type: 'conditional',
      condition: '仅用于政务服务中的身份核验',
      methods: ['api', 'verification'],
      basis: '《政务数据共享条例》第十二条',
    },
    open: { type: 'closed', reason: { kind: 'sensitive', text: '涉及个人信息' } },
    updateCycle: 'daily',
    tags: ['户籍', '人口', '基准测试'],
    contact: { name: '王敏', phone: '0571-87001234', email: 'data@gaj.example.gov.cn' },
  };
}

/** The CSV header: the items' Chinese labels (the automatic mapping matches them). */
export const CSV_HEADER = '公民身份号码,姓名,性别,出生日期,民族,户籍地区划,学历,婚姻状况,手机号码,登记日期';

/** The warning flag of a row whose household region differs from its ID number's region. */
const REGION_FLAG = 'gen:id_number+household_region:idRegion';

const COUNTIES = allCountyCodes().filter((c) => c.startsWith('3301')); // 杭州市's counties
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海燕文斌宇浩凯琳雪飞鹏',
];
const EDUCATION = ['10', '20', '30', '40', '50', '60', '70', '80', '90'];
const MARITAL = ['10', '20', '21', '22', '23', '30', '40', '90'];
const DAY = 86_400_000;
const BIRTH_FROM = Date.UTC(1950, 0, 1);
const REGISTERED_FROM = Date.UTC(2000, 0, 1);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The valid fields of person i (distinct ID numbers for any i below 2.6 × 10^8). */
function validPerson(i: number): string[] {
  const region = COUNTIES[i % COUNTIES.length]!;
  const k = Math.floor(i / COUNTIES.length);
  const seq = k % 1000;
  // 7,919 is prime to 20,000: distinct blocks of 1,000 get distinct birth dates for 20,000 blocks.
  const birth = isoDay(BIRTH_FROM + ((Math.floor(k / 1000) * 7919) % 20_000) * DAY);
  const id = makeIdNumber(region, birth, seq);
  const name =
    SURNAMES[i % SURNAMES.length]! +
    GIVEN[(i * 7) % GIVEN.length]! +
    (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
  // 1 % have moved: their household region is another county (an informational warning, the row loads).
  const household = i % 100 === 37 ? COUNTIES[(i + 1) % COUNTIES.length]! : region;
  const mobile = `1${'3456789'[i % 7]}${String((Math.imul(i, 2_654_435_761) >>> 0) % 1_000_000_000).padStart(9, '0')}`;
  return [
    id,
    name,
    seq % 2 ? '1' : '2',
    birth,
    i % 20 === 0 ? String((i % 55) + 2).padStart(2, '0') : '01',
    household,
    EDUCATION[i % EDUCATION.length]!,
    MARITAL[i % MARITAL.length]!,
    mobile,
    isoDay(REGISTERED_FROM + ((i * 31) % 9000) * DAY),
  ];
}

/** What the rejected rows get wrong (one row in 200, in turn). */
const BAD_KINDS = ['ID check character', 'impossible birth date', 'bad mobile', 'missing ID', 'repeated ID'];

/** Person i as CSV cells: one row in 200 is invalid (rejected), one in 100 warns (loads, flagged). */
export function personCells(i: number): string[] {
  const cells = validPerson(i);
  if (i % 200 !== 199) return cells;
  switch (Math.floor(i / 200) % BAD_KINDS.length) {
    case 0: {
      const id = cells[0]!;
      cells[0] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      break;
    }
    case 1:
      cells[3] = '1985-02-30';
      break;
    case 2:
      cells[8] = '12345';
      break;
    case 3:
      cells[0] = '';
      break;
    default:
      cells[0] = validPerson(i - 1)[0]!; // the primary key of the row before
  }
  return cells;
}

/** Person i as the validator would hand it to the store, or null for a row it rejects. */
export function personValues(i: number): { values: Record<string, CellValue>; flags: string[] } | null {
  if (i % 200 === 199) return null;
  const c = validPerson(i);
  return {
    values: {
      id_number: c[0]!,
      name: c[1]!,
      gender: c[2]!,
      birth_date: c[3]!,
      nation: c[4]!,
      household_region: c[5]!,
      education: c[6]!,
      marital_status: c[7]!,
      mobile: c[8]!,
      registered_at: c[9]!,
    },
    flags: i % 100 === 37 ? [REGION_FLAG] : [],
  };
}

/** Expected counts of a load of `rows` generated rows. */
export function expectedCounts(rows: number): { rejected: number; warned: number } {
  const count = (mod: number, rem: number) => (rows > rem ? Math.floor((rows - rem - 1) / mod) + 1 : 0);
  return { rejected: count(200, 199), warned: count(100, 37) };
}

/** Writes the person CSV (UTF-8, LF) with `rows` data rows; returns its size in bytes. */
export async function writePersonCsv(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${CSV_HEADER}\n`);
  const CHUNK = 5000;
  for (let from = 0; from < rows; from += CHUNK) {
    let s = '';
    for (let i = from; i < Math.min(rows, from + CHUNK); i++) s += `${personCells(i).join(',')}\n`;
    await write(s);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return fs.statSync(file).size;
}

// ---------------------------------------------------------------------------------------------------------------

/** What a phase reports to the parent. */
export interface PhaseResult {
  phase: string;
  engine: Engine | null;
  rows: number;
  seconds: number;
  rowsPerSec: number;
  read?: number;
  accepted?: number;
  rejected?: number;
  warned?: number;
  inserted?: number;
  stored?: number;
  logRows?: number;
  /** RSS when the measured part started, KiB. */
  startRssKiB: number;
  /** Peak RSS of the measured part (VmHWM after a reset), KiB; null where it cannot be reset. */
  phasePeakKiB: number | null;
  /** process.resourceUsage().maxRSS of the whole child, KiB. */
  processMaxRssKiB: number;
  heapUsedMiB: number;
  notes: string[];
}

function statusKiB(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Starts the measured part: resets the kernel's RSS high-water mark; returns the RSS now. */
function beginMeasure(): { resetOk: boolean; startRssKiB: number } {
  let resetOk = false;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    resetOk = true;
  } catch {
    // not Linux, or not permitted: only the whole-process maxRSS is reported
  }
  return { resetOk, startRssKiB: statusKiB('VmRSS') ?? Math.round(process.memoryUsage().rss / 1024) };
}

function endMeasure(m: { resetOk: boolean; startRssKiB: number }) {
  return {
    startRssKiB: m.startRssKiB,
    phasePeakKiB: m.resetOk ? statusKiB('VmHWM') : null,
    processMaxRssKiB: process.resourceUsage().maxRSS,
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

const log = (msg: string) => process.stderr.write(`[bench ingest] ${msg}\n`);

/** Bootstraps the platform and publishes the person resource; returns the steward's context and its id. */
export async function publishPersonResource(
  p: Platform,
): Promise<{ steward: RequestContext; resourceId: string }> {
  const boot = await p.identity.bootstrap.run(systemContext('bench', newId()), {
    operator: {
      name: '基准测试市大数据管理局',
      uscc: makeUscc('1', '1', '330100', 'TB0000001'),
      regionCode: '330100',
      level: 'municipal',
    },
    users: [
      { role: 'sysadmin', username: 'sysadmin', displayName: '系统管理员', password: 'Bench-Passw0rd!' },
      { role: 'secadmin', username: 'secadmin', displayName: '安全管理员', password: 'Bench-Passw0rd!' },
      { role: 'auditor', username: 'auditor', displayName: '审计员', password: 'Bench-Passw0rd!' },
    ],
  });
  const user = (roles: ('steward' | 'reviewer')[]): RequestContext => ({
    requestId: newId(),
    actor: { kind: 'user', id: newId(), orgId: boot.operatorOrgId, roles, scopes: [], mfa: true },
  });
  const steward = user(['steward']);
  const reviewer = user(['reviewer']);
  const r = await p.catalogue.resources.create(steward, personResourceBody());
  await p.catalogue.resources.submit(steward, r.id);
  await p.catalogue.resources.review(reviewer, r.id, { decision: 'approve' });
  return { steward, resourceId: r.id };
}

async function count(p: Platform, table: string): Promise<number> {
  const r = await p.db.kysely
    .selectFrom(table as never)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number((r as { n: unknown } | undefined)?.n ?? 0);
}

async function ingestPhase(engine: Engine, csv: string): Promise<PhaseResult> {
  const b = await benchPlatform(engine);
  try {
    const p = b.platform;
    const { steward, resourceId } = await publishPersonResource(p);
    global.gc?.();
    const m = beginMeasure();
    const start = performance.now();
    const upload = await p.quality.ingest.upload(steward, resourceId, fs.createReadStream(csv), {
      name: 'people.csv',
    });
    const created = await p.quality.ingest.createJob(steward, resourceId, {
      uploadId: upload.id,
      mode: 'upsert',
    });
    const run = await p.quality.runner.run(created.id);
    const seconds = (performance.now() - start) / 1000;
    const mem = endMeasure(m);
    const job = await p.quality.ingest.get(steward, created.id);
    if (run.status !== 'succeeded') throw new Error(`the ingest job ended ${run.status}: ${job.error ?? ''}`);
    const names = tableNames(resourceId, 1);
    const stored = await count(p, names.data);
    const logRows = await count(p, names.log);
    const c = job.counts;
    return {
      phase: 'ingest',
      engine,
      rows: c.read,
      seconds,
      rowsPerSec: c.read / seconds,
      read: c.read,
      accepted: c.accepted,
      rejected: c.rejected,
      warned: c.warned,
      inserted: c.inserted,
      stored,
      logRows,
      ...mem,
      notes: [`upload ${upload.size} bytes`],
    };
  } finally {
    await b.close();
  }
}

/** Rows per INSERT statement: the data store's own ROWS_PER_INSERT. */
const ROWS_PER_STATEMENT = 250;
const ROWS_PER_TX = 2000;

async function baselinePhase(engine: Engine, rows: number): Promise<PhaseResult> {
  const b = await benchPlatform(engine);
  let raw: RawConn | undefined;
  try {
    const p = b.platform;
    const { resourceId } = await publishPersonResource(p);
    const { table, layout } = await p.datastore.layout(p.db.kysely, resourceId);
    const keys = await new DataKeys(p.keyring, p.config.cryptoProfile).forResource(p.db.kysely, resourceId);
    const name = tableNames(resourceId, table.generation).data;
    const itemColumns = layout.columns.flatMap(physicalColumns);
    const columns = [
      '_key',
      '_rev',
      '_hash',
      '_deleted',
      '_flags',
      '_job',
      '_updated_at',
      '_disputed',
      ...itemColumns,
    ];
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    const text = (n: number) => {
      let k = 0;
      const tuples = Array.from(
        { length: n },
        () => `(${columns.map(() => (engine === 'sqlite' ? '?' : `$${++k}`)).join(',')})`,
      );
      return `insert into "${name}" (${quoted}) values ${tuples.join(',')}`;
    };
    raw = await rawConnection(b);
    const job = newId();
    const conn = raw;
    let insert: (params: unknown[], n: number) => Promise<void>;
    let inTx: (fn: () => Promise<void>) => Promise<void>;
    if (conn.engine === 'sqlite') {
      const full = conn.sqlite.prepare(text(ROWS_PER_STATEMENT));
      const tails = new Map<number, ReturnType<typeof conn.sqlite.prepare>>();
      insert = async (params, n) => {
        const st =
          n === ROWS_PER_STATEMENT
            ? full
            : (tails.get(n) ?? tails.set(n, conn.sqlite.prepare(text(n))).get(n)!);
        st.run(params);
      };
      inTx = async (fn) => {
        conn.sqlite.exec('begin');
        try {
          await fn();
          conn.sqlite.exec('commit');
        } catch (e) {
          conn.sqlite.exec('rollback');
          throw e;
        }
      };
    } else {
      const texts = new Map<number, string>();
      insert = async (params, n) => {
        await conn.pg.query(texts.get(n) ?? texts.set(n, text(n)).get(n)!, params);
      };
      inTx = async (fn) => {
        await conn.pg.query('begin');
        try {
          await fn();
          await conn.pg.query('commit');
        } catch (e) {
          await conn.pg.query('rollback');
          throw e;
        }
      };
    }
    global.gc?.();
    const m = beginMeasure();
    let timed = 0;
    let inserted = 0;
    const wallStart = performance.now();
    for (let from = 0; from < rows; from += ROWS_PER_TX) {
      // Generating the already-parsed rows is not timed; encoding (AEAD + blind index) and inserting is.
      const batch: NonNullable<ReturnType<typeof personValues>>[] = [];
      for (let i = from; i < Math.min(rows, from + ROWS_PER_TX); i++) {
        const v = personValues(i);
        if (v) batch.push(v);
      }
      const t = performance.now();
      const now = new Date().toISOString();
      await inTx(async () => {
        for (let s = 0; s < batch.length; s += ROWS_PER_STATEMENT) {
          const slice = batch.slice(s, s + ROWS_PER_STATEMENT);
          const params: unknown[] = [];
          for (const r of slice) {
            const e = encodeRow(keys, layout, r.values);
            params.push(e.key, 1, e.hash, 0, r.flags.length ? JSON.stringify(r.flags) : null, job, now, 0);
            for (const c of itemColumns) params.push(e.columns[c] ?? null);
          }
          await insert(params, slice.length);
        }
      });
      timed += performance.now() - t;
      inserted += batch.length;
    }
    const wall = (performance.now() - wallStart) / 1000;
    const mem = endMeasure(m);
    const stored = await count(p, name);
    if (stored !== inserted) throw new Error(`baseline: ${inserted} rows inserted, the table has ${stored}`);
    const seconds = timed / 1000;
    return {
      phase: 'baseline',
      engine,
      rows: inserted,
      seconds,
      rowsPerSec: inserted / seconds,
      inserted,
      stored,
      ...mem,
      notes: [`wall ${wall.toFixed(1)} s including untimed row generation`],
    };
  } finally {
    await raw?.close();
    await b.close();
  }
}

async function streamPhase(csv: string): Promise<PhaseResult> {
  const parsed = resourceInputSchema.parse(personResourceBody());
  const { doc, issues } = normaliseResource(parsed, defaultPolicyTable());
  if (issues.length) throw new Error(`the resource body is invalid: ${JSON.stringify(issues)}`);
  const items: readonly Item[] = doc.items;
  global.gc?.();
  const m = beginMeasure();
  const start = performance.now();
  const source = csvFileSource(csv);
  const validator = compileValidator(items, generateRules(items), {
    today: formatShanghai(new Date()).slice(0, 10),
  });
  const mapping = resolveMapping(items, await source.columns());
  let read = 0;
  let rejected = 0;
  let warned = 0;
  let lastReport = start;
  for await (const rec of source.records()) {
    const r = validator.validate(applyMapping(mapping, rec.values), rec.rowNo);
    read++;
    if (r.rejected) rejected++;
    else if (r.flagged) warned++;
    if ((read & 0xffff) === 0 && performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      log(`stream: ${read.toLocaleString('en-US')} rows, ${((lastReport - start) / 1000).toFixed(0)} s`);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const mem = endMeasure(m);
  return {
    phase: 'stream',
    engine: null,
    rows: read,
    seconds,
    rowsPerSec: read / seconds,
    read,
    accepted: read - rejected,
    rejected,
    warned,
    ...mem,
    notes: [
      `unique-key index holds ${validator.uniqueOverflow().length ? 'its cap (saturated)' : 'every key'}`,
    ],
  };
}

async function main(argv: string[]): Promise<void> {
  const [phase, a, b] = argv;
  let result: PhaseResult;
  if (phase === 'ingest' && (a === 'sqlite' || a === 'postgres') && b) result = await ingestPhase(a, b);
  else if (phase === 'baseline' && (a === 'sqlite' || a === 'postgres') && b)
    result = await baselinePhase(a, Number(b));
  else if (phase === 'stream' && a) result = await streamPhase(a);
  else throw new Error('usage: ingest-child.ts ingest|baseline <engine> <csv|rows> | stream <csv>');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
