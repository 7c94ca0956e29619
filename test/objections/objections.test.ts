import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../exchange/exchange-fixtures.js';
import { testEngines } from '../support/engines.js';
import { auditRows, expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  buildObjectionWorld,
  ID_BIRTH_RULE,
  recordsAs,
  WRONG,
  type ObjectionWorld,
} from './objection-fixtures.js';

// The objection loop end to end over HTTP (SCENARIOS S4, STANDARDS §10): a consumer raises an objection on two
// persons' records with a wrong birth date; the provider accepts and the rows read `_disputed: true` for every
// consumer holding a grant; the provider corrects them (new record versions in the change log), the flag goes;
// the raiser rates; the accuracy score reflects the confirmed errors. Also the reject and dismiss paths, who may
// do what, and that record values never appear in errors or evidence.

const engines = await testEngines();
const base = '/api/v1/objections';

interface View {
  id: string;
  status: string;
  outcome: string | null;
  deadline: { stage: string; dueDate: string; sla?: string } | null;
  records: {
    ordinal: number;
    record: string;
    correctedRev: number | null;
    values?: Record<string, unknown>;
  }[];
  history: { action: string }[];
  rating: { rating: number; solved: boolean } | null;
}

describe.each(engines)('objections on %s', (engine) => {
  let t: TestPlatform;
  let w: ObjectionWorld;
  const raise = (token: string, payload: Record<string, unknown>) =>
    send(t, 'POST', base, { token, payload });
  const act = (id: string, verb: string, token: string, payload: unknown) =>
    send(t, 'POST', `${base}/${id}/${verb}`, { token, payload });
  const wrongData = (over: Record<string, unknown> = {}) => ({
    type: 'wrong_data',
    resourceId: w.resources.population,
    grantId: w.grantB,
    records: WRONG.map((x) => ({ I001: x.person.id_number })),
    items: ['I004'],
    description: '出生日期与身份证号码不一致',
    documents: [{ digest: `sha256:${'a'.repeat(64)}`, name: '核对清单.xlsx' }],
    ...over,
  });
  const stored = async (idNumber: string) =>
    (await t.platform.datastore.lookup(w.resources.population, 'id_number', idNumber))[0]!;

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildObjectionWorld(t);
  });
  afterAll(async () => t.close());

  it('S4: raise → accept (disputed for every consumer) → correct (new versions) → rate; accuracy moves', async () => {
    const raised = await raise(w.consumerB, wrongData());
    expect(raised.statusCode, raised.body).toBe(201);
    const o = raised.json<View>();
    // Raised Monday 2026-03-02: five working days to accept or reject.
    expect(o).toMatchObject({
      status: 'raised',
      deadline: { stage: 'answer', dueDate: '2026-03-09', sla: 'green' },
    });
    expect(o.records).toHaveLength(2);
    // The raiser sees record references, never values.
    expect(o.records[0]!.values).toBeUndefined();

    // Not yet disputed: nothing is flagged before the provider accepts.
    expect((await recordsAs(t, w.consumerB, w.grantB)).some((r) => r._disputed)).toBe(false);
    // The provider sees the current values of the named records, to verify them.
    const seen = (await send(t, 'GET', `${base}/${o.id}`, { token: w.tokens.steward })).json<View>();
    expect(seen.records.map((r) => r.values?.I004)).toEqual(WRONG.map((x) => x.stored));

    const acc = await act(o.id, 'accept', w.tokens.approver, { comment: '核实中' });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json<View>()).toMatchObject({
      status: 'accepted',
      deadline: { stage: 'resolve', dueDate: '2026-03-16' },
    });

    const wrongIds = new Set(WRONG.map((x) => x.person.id_number));
    for (const [token, grant] of [
      [w.consumerB, w.grantB],
      [w.consumerC, w.grantC],
    ] as const) {
      const rows = await recordsAs(t, token, grant);
      const disputed = rows.filter((r) => r._disputed === true).map((r) => String(r.I001));
      // The ID number is masked in both grants: compare by the clear birth date the store holds.
      expect(disputed).toHaveLength(2);
      expect(
        rows
          .filter((r) => r._disputed === true)
          .map((r) => r.I004)
          .sort(),
      ).toEqual(WRONG.map((x) => x.stored).sort());
      expect(rows.length).toBeGreaterThan(2);
    }
    for (const p of PEOPLE) expect((await stored(p.id_number)).disputed).toBe(wrongIds.has(p.id_number));

    const before = await t.platform.quality.scores.compute(w.resources.population);
    expect(before!.dimensions.accuracy).toBe(1);

    const corrections = seen.records.map((r, i) => ({
      record: r.record,
      values: { I004: WRONG[i]!.person.birth_date },
    }));
    const fixed = await act(o.id, 'resolve', w.tokens.steward, {
      outcome: 'corrected',
      corrections,
      comment: '已按户籍档案更正',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const f = fixed.json<View>();
    expect(f).toMatchObject({ status: 'corrected', outcome: 'corrected', deadline: { stage: null } });
    // Accepting moved each record to rev 3 (flag set, values unchanged); the correction wrote rev 4 and
    // releasing the flag rev 5.
    expect(f.records.map((r) => r.correctedRev)).toEqual([4, 4]);

    for (const x of WRONG) {
      const s = await stored(x.person.id_number);
      expect(s).toMatchObject({ disputed: false, rev: 5, flags: [] });
      expect(s.values.birth_date).toBe(x.person.birth_date);
    }
    const rows = await recordsAs(t, w.consumerB, w.grantB);
    expect(rows.some((r) => r._disputed)).toBe(false);
    expect(rows.map((r) => r.I004).sort()).toEqual(
      PEOPLE.filter((p) => p.gender === '1')
        .map((p) => p.birth_date)
        .sort(),
    );
    // Subscribers see the new versions in the change feed.
    const changes = await t.platform.datastore.changes(w.resources.population, 0, 1000);
    const updates = changes.filter((c) => c.op === 'update' && c.rev === 4);
    expect(updates.map((c) => c.values?.birth_date).sort()).toEqual(
      WRONG.map((x) => x.person.birth_date).sort(),
    );
    // … and the dispute's start and end as updates of unchanged values around it.
    for (const rev of [3, 5])
      expect(
        changes
          .filter((c) => c.op === 'update' && c.rev === rev)
          .map((c) => c.values?.birth_date)
          .sort(),
      ).toEqual((rev === 3 ? WRONG.map((x) => x.stored) : WRONG.map((x) => x.person.birth_date)).sort());

    // Accuracy: two confirmed errors among six records; consistency recovered with the cross-field flags.
    const after = await t.platform.quality.scores.compute(w.resources.population);
    expect(after!.dimensions.accuracy).toBeCloseTo(1 - 2 / 6, 3);
    expect(after!.dimensions.consistency).toBeGreaterThan(before!.dimensions.consistency);
    const jobs = await sql<{
      n: number | string;
    }>`select count(*) as n from jobs where type = 'quality.score'`.execute(t.platform.db.kysely);
    expect(Number(jobs.rows[0]!.n)).toBeGreaterThanOrEqual(1);

    // Only the raiser rates, once.
    expectError(await act(o.id, 'rate', w.tokens.approver, { rating: 5, solved: true }), 403, 'FORBIDDEN');
    const rated = await act(o.id, 'rate', w.consumerB, { rating: 4, solved: true, comment: '处理及时' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json<View>()).toMatchObject({
      status: 'archived',
      outcome: 'corrected',
      rating: { rating: 4, solved: true },
    });
    expectError(await act(o.id, 'rate', w.consumerB, { rating: 1, solved: false }), 409, 'CONFLICT');

    const actions = (await auditRows(t)).filter((a) => a.subject_id === o.id).map((a) => a.action);
    expect(actions).toEqual(['objection.raise', 'objection.accept', 'objection.correct', 'objection.rate']);
    expect(rated.json<View>().history.map((h) => h.action)).toEqual(actions);
  });

  it('reject with a reason, and dismissal after verification, clear nothing they should not', async () => {
    const one = (
      await raise(w.consumerB, wrongData({ records: [{ I001: PEOPLE[3]!.id_number }] }))
    ).json<View>();
    expectError(await act(one.id, 'reject', w.tokens.approver, {}), 400, 'VALIDATION_FAILED');
    const rej = await act(one.id, 'reject', w.tokens.approver, { reason: '数据与户籍档案一致' });
    expect(rej.json<View>()).toMatchObject({ status: 'rejected', outcome: 'rejected' });
    expect((await stored(PEOPLE[3]!.id_number)).disputed).toBe(false);
    expectError(await act(one.id, 'accept', w.tokens.approver, {}), 409, 'CONFLICT');

    // Two accepted objections on one record: dismissing one keeps the flag for the other.
    const a = (
      await raise(w.consumerB, wrongData({ records: [{ I001: PEOPLE[5]!.id_number }] }))
    ).json<View>();
    const b = (
      await raise(w.consumerC, wrongData({ grantId: w.grantC, records: [{ I001: PEOPLE[5]!.id_number }] }))
    ).json<View>();
    expect((await act(a.id, 'accept', w.tokens.approver, {})).statusCode).toBe(200);
    expect((await act(b.id, 'accept', w.tokens.steward, {})).statusCode).toBe(200);
    const d = await act(a.id, 'resolve', w.tokens.approver, { outcome: 'dismissed', reason: '经核实无误' });
    expect(d.json<View>()).toMatchObject({ status: 'dismissed', outcome: 'dismissed' });
    expect((await stored(PEOPLE[5]!.id_number)).disputed).toBe(true);
    // A full reload keeps the flag of a record under an accepted objection.
    const R = w.resources.population;
    await t.platform.db.kysely.transaction().execute(async (tx) => {
      await t.platform.datastore.beginReplace(tx, R);
      const rows = PEOPLE.map((values, i) => ({ rowNo: i + 1, values, flags: [] }));
      await t.platform.datastore.writeBatch(tx, R, 'replace', rows, 'test-reload');
      await t.platform.datastore.finishReplace(tx, R, 'test-reload');
    });
    expect((await stored(PEOPLE[5]!.id_number)).disputed).toBe(true);
    expect((await stored(PEOPLE[4]!.id_number)).disputed).toBe(false);
    await act(b.id, 'resolve', w.tokens.approver, { outcome: 'dismissed', reason: '经核实无误' });
    expect((await stored(PEOPLE[5]!.id_number)).disputed).toBe(false);
    // A dismissal is no confirmed error.
    const card = await t.platform.quality.scores.compute(w.resources.population);
    expect(card!.dimensions.accuracy).toBeCloseTo(1 - 2 / 6, 3);
    const rated = await act(b.id, 'rate', w.consumerC, { rating: 2, solved: false });
    expect(rated.json<View>()).toMatchObject({
      status: 'archived',
      outcome: 'dismissed',
      rating: { solved: false },
    });
  });

  it('authorization: grants, roles and organisations', async () => {
    // Without a grant, or another organisation's grant: no objection.
    expectError(await raise(w.consumerB, wrongData({ grantId: undefined })), 422, 'UNPROCESSABLE');
    expectError(await raise(w.consumerB, wrongData({ grantId: w.grantC })), 404, 'NOT_FOUND');
    expectError(await raise(w.tokens.consumer, wrongData()), 404, 'NOT_FOUND');
    expectError(await raise(w.tokens.approver, wrongData()), 403, 'FORBIDDEN');
    // Outside the row filter (gender 2) a record is unknown, like one that does not exist.
    const outside = expectError(
      await raise(
        w.consumerB,
        wrongData({ records: [{ I001: PEOPLE[1]!.id_number }, { I001: '330106199912310000' }] }),
      ),
      422,
      'UNPROCESSABLE',
    );
    expect(outside.details).toEqual({
      violations: [
        expect.objectContaining({ field: 'records[0]', code: 'UNKNOWN' }),
        expect.objectContaining({ field: 'records[1]', code: 'UNKNOWN' }),
      ],
    });
    // The bureau raises on the whole resource, without a grant.
    const bureau = await raise(
      w.tokens.reviewer,
      wrongData({ grantId: undefined, records: [{ I001: PEOPLE[1]!.id_number }] }),
    );
    expect(bureau.statusCode, bureau.body).toBe(201);
    const id = bureau.json<View>().id;
    // Another organisation cannot accept, nor see it; the raiser cannot accept its own.
    expectError(await act(id, 'accept', w.approverC, {}), 404, 'NOT_FOUND');
    expectError(await act(id, 'accept', w.tokens.reviewer, {}), 403, 'FORBIDDEN');
    expectError(await act(id, 'accept', w.tokens.consumer, {}), 403, 'FORBIDDEN');
    expectError(await send(t, 'GET', `${base}/${id}`, { token: w.consumerB }), 404, 'NOT_FOUND');
    expect((await send(t, 'GET', `${base}/${id}`, { token: w.tokens.auditor })).statusCode).toBe(200);
    // Resolving before accepting is out of order.
    expectError(
      await act(id, 'resolve', w.tokens.approver, { outcome: 'dismissed', reason: 'x' }),
      409,
      'CONFLICT',
    );
    // Lists: raiser's own, provider's, everything for the bureau.
    const list = async (token: string, box: string) =>
      (await send(t, 'GET', `${base}?box=${box}`, { token })).json<{
        items: { id: string }[];
        total: number;
      }>();
    expect((await list(w.consumerB, 'raised')).items.every((x) => x.id !== id)).toBe(true);
    expect((await list(w.tokens.approver, 'provider')).items.some((x) => x.id === id)).toBe(true);
    expect((await list(w.tokens.reviewer, 'all')).items.some((x) => x.id === id)).toBe(true);
    expect((await list(w.approverC, 'all')).items.some((x) => x.id === id)).toBe(false);
    expect((await list(w.approverC, 'provider')).total).toBe(0);
  });

  it('corrections are checked: named records only, no key items, the resource rules', async () => {
    const o = (
      await raise(w.consumerB, wrongData({ records: [{ I001: PEOPLE[3]!.id_number }] }))
    ).json<View>();
    await act(o.id, 'accept', w.tokens.approver, {});
    const rec = (await send(t, 'GET', `${base}/${o.id}`, { token: w.tokens.approver })).json<View>()
      .records[0]!.record;
    const bad = expectError(
      await act(o.id, 'resolve', w.tokens.approver, {
        outcome: 'corrected',
        corrections: [
          { record: 'nope', values: { I004: '1995-04-04' } },
          { record: rec, values: { I001: '330106199504040044', I004: 'not a date' } },
        ],
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(bad.details).toMatchObject({
      violations: [
        { field: 'corrections[0].record', code: 'NOT_NAMED' },
        { field: 'corrections[1].values.I001', code: 'KEY_ITEM' },
      ],
    });
    const invalid = expectError(
      await act(o.id, 'resolve', w.tokens.approver, {
        outcome: 'corrected',
        corrections: [{ record: rec, values: { I004: '1995-13-45' } }],
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(JSON.stringify(invalid)).not.toContain('1995-13-45');
    // Refused corrections wrote nothing: the record is at the revision the acceptance gave it (1 → 2).
    expect((await stored(PEOPLE[3]!.id_number)).rev).toBe(2);
  });

  it('an objection without records: catalogue error raised by the bureau, accepted and corrected', async () => {
    const r = await raise(w.tokens.reviewer, {
      type: 'catalogue_error',
      resourceId: w.resources.libraries,
      description: '更新周期与实际不符',
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<View>().id;
    expect(r.json<View>().records).toEqual([]);
    expect((await act(id, 'accept', w.tokens.steward, {})).statusCode).toBe(200);
    const done = await act(id, 'resolve', w.tokens.steward, { outcome: 'corrected', comment: '已修改目录' });
    expect(done.json<View>()).toMatchObject({ status: 'corrected', outcome: 'corrected' });
    const rated = await act(id, 'rate', w.tokens.reviewer, { rating: 5, solved: true });
    expect(rated.json<View>()).toMatchObject({ status: 'archived' });
    // A wrong-data objection must name its records.
    const none = expectError(await raise(w.consumerB, wrongData({ records: [] })), 422, 'UNPROCESSABLE');
    expect(none.details).toMatchObject({ violations: [{ field: 'records', code: 'REQUIRED' }] });
  });

  it('is described in /api/openapi.json', async () => {
    const doc = (await send(t, 'GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const r of t.platform.routes.filter((x) => x.url.startsWith(base)))
      expect(doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()], r.url).toBeDefined();
  });

  it('never echoes record values in errors or evidence; evidence carries keyed digests', async () => {
    const values = PEOPLE.map((p) => p.id_number);
    const bad = await raise(
      w.consumerB,
      wrongData({ records: [{ I001: PEOPLE[1]!.id_number, I004: '1985-02-02' }] }),
    );
    expect(bad.statusCode).toBe(422);
    for (const v of [...values, '1985-02-02']) expect(bad.body).not.toContain(v);
    const rows = (await auditRows(t)).filter((a) => a.action.startsWith('objection.'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      for (const v of [...values, ...PEOPLE.map((p) => p.birth_date)]) expect(r.details).not.toContain(v);
    const raiseEvent = rows.find((r) => r.action === 'objection.raise')!;
    expect(JSON.parse(raiseEvent.details)).toMatchObject({
      subjectsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ID_BIRTH_RULE).toContain('idBirthDate');
  });
});
