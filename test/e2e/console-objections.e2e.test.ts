import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../exchange/exchange-fixtures.js';
import { buildObjectionWorld, WRONG, type ObjectionWorld } from '../objections/objection-fixtures.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, loginAs, openConsole, type ConsoleSession } from './console-harness.js';

// The objection loop in the console end to end in Chromium (SCENARIOS S4, issue 9). 公安局's 人口基本信息 holds
// 张三丰 with a birth date (1981-01-01) that contradicts his ID number. 民政局's consumer, browsing its grant
// (ID number and name masked, gender and birth date in clear) in 我的数据, picks his row and raises a wrong-data
// objection: the entry starts with the clear values only — the masked ones are never sent — and a second
// entry typed by hand that names no visible record is refused beside that entry. 公安局's approver finds the
// objection in the queue with its deadline, sees the record's current values and accepts it; the consumer's
// data view then shows the row as disputed. 公安局's steward corrects the birth date (a correction breaking a
// rule is refused beside its record first); the consumer sees the corrected value, no longer disputed, and
// rates the handling. The history shows every step to the parties, the bureau's reviewer and the auditor.
// The other endings too: a rejection and a dismissal with reasons, and a rating of "not solved".

const CONSUMER = 'w.consumer-b';
const APPROVER = 'w.approver';
const STEWARD = 'w.steward';
const CASE = 'DB-2026-0107';
const DESCRIPTION = '出生日期与公民身份号码中的出生日期不一致';
const ACCEPT_COMMENT = '已受理，正在核对户籍档案';
const CORRECT_COMMENT = '已按户籍档案更正出生日期';
const RATE_COMMENT = '处理及时';
const REJECT_REASON = '经核对户籍档案，性别登记无误';
const DISMISS_REASON = '经核实数据无误';
const ZHANG = WRONG[0]!; // 张三丰: stored 1981-01-01, truly 1980-01-01

/** The records of the current page of 我的数据, top to bottom. */
const records = (page: Page): Locator => page.getByTestId('record');

/** A record of 我的数据 by its (clear) birth date. */
const recordBorn = (page: Page, date: string): Locator =>
  records(page).filter({ has: page.locator('td[data-code="I004"]', { hasText: new RegExp(`^${date}$`) }) });

/** The value input of one item in a raise entry. */
const entryValue = (entry: Locator, code: string): Locator =>
  entry.locator(`[data-testid="entry-value"][data-code="${code}"]`);

/** An attribute of an element, or the text of the error notice shown instead (so a failure says why). */
const stateOr = async (page: Page, el: Locator, attr: string): Promise<string | null> => {
  const error = page.locator('.notice-error');
  return (await error.count()) ? `error: ${await error.first().innerText()}` : el.getAttribute(attr);
};

describe.skipIf(!haveChromium)('console objection pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let w: ObjectionWorld;
  let c: ConsoleSession;
  let objectionId = '';
  const pageErrors: string[] = [];

  /** Opens 我的数据 of the consumer's grant and reads the first page (four persons of gender 1). */
  const readMyData = async () => {
    const { page } = c;
    await page.goto(`${c.base}/exchange/data/${w.grantB}`);
    await page.getByTestId('records-case').fill(CASE);
    await page.getByTestId('records-run').click();
    await expect.poll(() => stateOr(page, page.getByTestId('records-result'), 'data-state')).toBe('page');
    expect(await records(page).count()).toBe(4);
  };

  /** Opens the objection from the 数据异议 list (the box the role starts with). */
  const openFromList = async (box: string) => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('数据异议').click();
    await expect.poll(() => page.getByTestId('objections-list').getAttribute('data-box')).toBe(box);
    const row = page.locator(`[data-testid="objection-row"][data-id="${objectionId}"]`);
    await row.waitFor();
    const line = page.getByTestId('objections').locator('tbody tr', { has: row });
    await line.getByTestId('objection-open').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/objections/${objectionId}`);
    await page.getByTestId('objection').waitFor();
  };

  /** The actions of the history, oldest first. */
  const historyActions = (page: Page) =>
    page.getByTestId('history-step').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-action') ?? ''));

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    w = await buildObjectionWorld(t);
    c = await openConsole(t);
    c.page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('lets a consumer raise an objection on a row of 我的数据, naming it by clear values only', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    expect(await c.menu()).toContain('数据异议');
    await readMyData();
    // Nothing is disputed yet.
    expect(await page.getByTestId('record-disputed').count()).toBe(0);

    // Pick 张三丰's row (his stored birth date is the wrong one) and open the raise form.
    const zhang = recordBorn(page, ZHANG.stored);
    await zhang.getByTestId('record-pick').check();
    await expect.poll(() => page.getByTestId('records-picked').getAttribute('data-count')).toBe('1');
    await page.getByTestId('records-raise').click();
    const form = page.getByTestId('raise-form');
    await form.waitFor();
    const entries = form.getByTestId('raise-entry');
    expect(await entries.count()).toBe(1);
    const entry = entries.first();
    const rowNo = await zhang.getAttribute('data-row');
    expect(await entry.getAttribute('data-row')).toBe(rowNo);
    // Clear values prefilled; the masked ID number and name left empty, their masked form only as a hint.
    expect(await entryValue(entry, 'I003').inputValue()).toBe('1');
    expect(await entryValue(entry, 'I004').inputValue()).toBe(ZHANG.stored);
    expect(await entryValue(entry, 'I001').inputValue()).toBe('');
    expect(await entryValue(entry, 'I002').inputValue()).toBe('');
    expect(await entryValue(entry, 'I001').getAttribute('placeholder')).toContain('*');

    await form.getByTestId('raise-type').selectOption('wrong_data');
    await form.locator('[data-testid="raise-item"][data-code="I004"]').check();
    await form.getByTestId('raise-description').fill(DESCRIPTION);
    // A second record typed by hand that no visible record matches.
    await form.getByTestId('raise-add').click();
    expect(await entries.count()).toBe(2);
    await entryValue(entries.nth(1), 'I004').fill('1999-09-09');

    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/objections')) bodies.push(r.postData() ?? '');
    });
    await form.getByTestId('raise-submit').click();
    // The server's problem is shown beside the entry it names, never beside the good one.
    const error = entries.nth(1).getByTestId('entry-error');
    await error.waitFor();
    expect(await error.locator('li').getAttribute('data-code')).toBe('UNKNOWN');
    expect(await error.innerText()).toContain('在您可见的范围内没有与这些值相符的记录');
    expect(await entries.nth(1).getAttribute('data-invalid')).toBe('true');
    expect(await entries.first().getByTestId('entry-error').count()).toBe(0);
    expect(await form.getByTestId('raise-entries-invalid').count()).toBe(1);
    await c.shot('console-objections-raise-refused.png');

    // Without the unknown entry the objection is raised.
    await entries.nth(1).getByTestId('raise-entry-remove').click();
    expect(await entries.count()).toBe(1);
    await form.getByTestId('raise-submit').click();
    const done = page.getByTestId('raise-done');
    await done.waitFor();
    objectionId = (await done.getAttribute('data-id')) ?? '';
    expect(objectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await done.getAttribute('data-status')).toBe('raised');
    expect(await page.getByTestId('raise-form').count()).toBe(0);
    expect(await page.getByTestId('records-picked').getAttribute('data-count')).toBe('0');

    // What was sent: the clear values of the row, never a masked one.
    expect(bodies).toHaveLength(2);
    const sent = JSON.parse(bodies[1]!) as { records: Record<string, unknown>[]; items: string[] };
    expect(sent.records).toEqual([{ I003: '1', I004: ZHANG.stored }]);
    expect(sent.items).toEqual(['I004']);
    expect(bodies.join('')).not.toContain('*');

    // The objection as the raiser sees it: raised, the answer deadline running, the record by key only.
    await done.getByTestId('raise-done-open').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/objections/${objectionId}`);
    const head = page.getByTestId('objection');
    await expect.poll(() => head.getAttribute('data-status')).toBe('raised');
    expect(await head.getByTestId('objection-type').innerText()).toBe('数据错误');
    expect(await head.getByTestId('objection-description').innerText()).toBe(DESCRIPTION);
    expect(await head.getByTestId('objection-items').innerText()).toContain('出生日期');
    expect(await head.getByTestId('objection-sla').getAttribute('data-stage')).toBe('answer');
    expect(await page.getByTestId('objection-records').getAttribute('data-values')).toBe('false');
    expect(await page.getByTestId('objection-record').count()).toBe(1);
    expect(await page.content()).not.toContain(ZHANG.person.id_number);
    expect(await historyActions(page)).toEqual(['raise']);
    // Neither answering nor rating is offered to the raiser now.
    for (const f of ['answer-form', 'resolve-form', 'rate-form'])
      expect(await page.getByTestId(f).count()).toBe(0);
    await c.shot('console-objections-raised.png');
  }, 120_000);

  it("puts it in the provider's queue; accepting marks the record disputed in the consumer's data", async () => {
    const { page } = c;
    await loginAs(c, APPROVER);
    expect(await c.menu()).toContain('数据异议');
    await openFromList('provider');
    // The record's current values, to verify: the provider's own data, in clear.
    expect(await page.getByTestId('objection-records').getAttribute('data-values')).toBe('true');
    const rec = page.getByTestId('objection-record');
    expect(await rec.count()).toBe(1);
    expect(await rec.locator('td[data-code="I001"]').innerText()).toBe(ZHANG.person.id_number);
    expect(await rec.locator('td[data-code="I004"]').innerText()).toBe(ZHANG.stored);

    // Back in the queue: the objection with its state and deadline (five working days to answer).
    await page.getByTestId('side-nav').getByText('数据异议').click();
    const row = page.locator(`[data-testid="objection-row"][data-id="${objectionId}"]`);
    await row.waitFor();
    const queued = page.getByTestId('objections').locator('tbody tr', { has: row });
    expect(await row.getAttribute('data-status')).toBe('raised');
    // Names may arrive after the list: wait for them rather than read at once.
    await expect.poll(() => queued.innerText()).toContain('人口基本信息');
    await expect.poll(() => queued.innerText()).toContain('测试市民政局');
    expect(await queued.getByTestId('objection-sla').getAttribute('data-state')).toBe('green');
    expect(await queued.getByTestId('objection-sla').innerText()).toContain('剩余 5 个工作日');
    await c.shot('console-objections-queue.png');

    await queued.getByTestId('objection-open').click();
    await page.getByTestId('answer-form').waitFor();
    await page.getByTestId('accept-comment').fill(ACCEPT_COMMENT);
    await page.getByTestId('objection-accept').click();
    const head = page.getByTestId('objection');
    await expect.poll(() => stateOr(page, head, 'data-status')).toBe('accepted');
    expect(await head.getByTestId('objection-sla').getAttribute('data-stage')).toBe('resolve');
    expect(await page.getByTestId('answer-form').count()).toBe(0);
    expect(await page.getByTestId('resolve-form').count()).toBe(1);
    expect(await historyActions(page)).toEqual(['raise', 'accept']);

    // The consumer's data view: 张三丰's row, and only it, is disputed.
    await loginAs(c, CONSUMER);
    await readMyData();
    const disputed = records(page).and(page.locator('[data-disputed="true"]'));
    expect(await disputed.count()).toBe(1);
    expect(await disputed.locator('td[data-code="I004"]').innerText()).toBe(ZHANG.stored);
    expect(await disputed.getByTestId('record-disputed').innerText()).toBe('有异议');
    await c.shot('console-objections-disputed.png');
  }, 120_000);

  it('lets the steward correct the record; the consumer sees the new value and rates the handling', async () => {
    const { page } = c;
    await loginAs(c, STEWARD);
    expect(await c.menu()).toContain('数据异议');
    await openFromList('provider');
    const form = page.getByTestId('resolve-form');
    await form.waitFor();
    const row = form.getByTestId('correction-row');
    expect(await row.count()).toBe(1);
    // The primary key is not offered for correction.
    expect(await row.locator('[data-testid="correction-value"][data-code="I001"]').count()).toBe(0);
    expect(await row.locator('td[data-code="I001"]').innerText()).toBe(ZHANG.person.id_number);
    const birth = row.locator('[data-testid="correction-value"][data-code="I004"]');
    const name = row.locator('[data-testid="correction-value"][data-code="I002"]');
    expect(await birth.inputValue()).toBe(ZHANG.stored);

    // A correction breaking a rule (a name longer than the item allows) is refused beside its record.
    await birth.fill(ZHANG.person.birth_date);
    await name.fill('张'.repeat(51));
    await form.getByTestId('resolve-send').click();
    const error = row.getByTestId('correction-error');
    await error.waitFor();
    expect(await error.locator('li').getAttribute('data-code')).toBe('INVALID');
    expect(await error.locator('li').getAttribute('data-path')).toBe('corrections[0].values.I002');
    expect(await page.getByTestId('objection').getAttribute('data-status')).toBe('accepted');

    // The name put back, only the birth date is corrected.
    await name.fill(ZHANG.person.name);
    await form.getByTestId('resolve-comment').fill(CORRECT_COMMENT);
    await form.getByTestId('resolve-send').click();
    const head = page.getByTestId('objection');
    await expect.poll(() => stateOr(page, head, 'data-status')).toBe('corrected');
    expect(await head.getAttribute('data-outcome')).toBe('corrected');
    const rec = page.getByTestId('objection-record');
    // A new version of the record, after the fixture's load and the wrong write (versions 1 and 2).
    expect(Number(await rec.getAttribute('data-corrected-rev'))).toBeGreaterThanOrEqual(3);
    expect(await rec.getByTestId('record-corrected').innerText()).toContain('已更正');
    expect(await rec.locator('td[data-code="I004"]').innerText()).toBe(ZHANG.person.birth_date);
    expect(await rec.locator('td[data-code="I002"]').innerText()).toBe(ZHANG.person.name);
    expect(await head.getByTestId('objection-reason').innerText()).toBe(CORRECT_COMMENT);
    expect(await page.getByTestId('resolve-form').count()).toBe(0);
    // The provider does not rate.
    expect(await page.getByTestId('rate-form').count()).toBe(0);
    expect(await historyActions(page)).toEqual(['raise', 'accept', 'correct']);
    await c.shot('console-objections-corrected.png');

    // The consumer: the corrected value, no longer disputed.
    await loginAs(c, CONSUMER);
    await readMyData();
    expect(await page.getByTestId('record-disputed').count()).toBe(0);
    expect(await recordBorn(page, ZHANG.stored).count()).toBe(0);
    expect(await recordBorn(page, ZHANG.person.birth_date).count()).toBe(1);
    expect((await page.getByTestId('record').locator('td[data-code="I004"]').allInnerTexts()).sort()).toEqual(
      PEOPLE.filter((p) => p.gender === '1' && p.id_number !== WRONG[1]!.person.id_number)
        .map((p) => p.birth_date)
        .concat(WRONG[1]!.stored)
        .sort(),
    );

    // Rating from the raiser's history.
    await openFromList('raised');
    const head2 = page.getByTestId('objection');
    expect(await head2.getAttribute('data-status')).toBe('corrected');
    const rate = page.getByTestId('rate-form');
    // Both a score and the solved answer are asked for.
    await rate.getByTestId('rate-send').click();
    await rate.getByTestId('rate-hint').waitFor();
    await rate.getByTestId('rate-4').click();
    await rate.getByTestId('rate-solved').click();
    await rate.getByTestId('rate-comment').fill(RATE_COMMENT);
    await rate.getByTestId('rate-send').click();
    await expect.poll(() => stateOr(page, head2, 'data-status')).toBe('archived');
    const rating = head2.getByTestId('objection-rating');
    expect(await rating.getAttribute('data-rating')).toBe('4');
    expect(await rating.getAttribute('data-solved')).toBe('true');
    expect(await page.getByTestId('rate-form').count()).toBe(0);
    await c.shot('console-objections-rated.png');
  }, 150_000);

  it('shows every step in the history, to the parties, the bureau and the auditor', async () => {
    const { page } = c;
    const steps = ['raise', 'accept', 'correct', 'rate'];
    const notes = [DESCRIPTION, ACCEPT_COMMENT, CORRECT_COMMENT, RATE_COMMENT];
    const checkHistory = async () => {
      expect(await historyActions(page)).toEqual(steps);
      const lines = await page.getByTestId('history-step').allInnerTexts();
      for (const [i, label] of ['提出异议', '受理', '更正数据', '评价'].entries()) {
        expect(lines[i]).toContain(label);
        expect(lines[i]).toContain(notes[i]);
      }
    };
    // The consumer (still logged in) on the page it rated.
    await checkHistory();
    const rows = await page.getByTestId('history-step').allInnerTexts();
    expect(rows[0]).toContain('我');
    expect(rows[1]).toContain('测试市公安局');

    await loginAs(c, APPROVER);
    await openFromList('provider');
    expect(await page.getByTestId('objection').getAttribute('data-status')).toBe('archived');
    await checkHistory();

    await loginAs(c, 'w.reviewer');
    expect(await c.menu()).toContain('数据异议');
    await openFromList('all');
    await checkHistory();
    // The bureau reads, but neither values nor actions are offered.
    expect(await page.getByTestId('objection-records').getAttribute('data-values')).toBe('false');
    for (const f of ['answer-form', 'resolve-form', 'rate-form'])
      expect(await page.getByTestId(f).count()).toBe(0);

    await loginAs(c, 'auditor');
    expect(await c.menu()).toContain('数据异议');
    await openFromList('all');
    await checkHistory();
    expect(await page.getByTestId('objection').getAttribute('data-outcome')).toBe('corrected');
    expect(await page.getByTestId('objection-records').getAttribute('data-values')).toBe('false');
    expect(await page.content()).not.toContain(ZHANG.person.id_number);
    await c.shot('console-objections-history-auditor.png');
  }, 120_000);

  it('lets the provider reject one objection and dismiss another with reasons; the raiser rates unsolved', async () => {
    const { page } = c;
    const raise = async (person: (typeof PEOPLE)[number]) => {
      const r = await send(t, 'POST', '/api/v1/objections', {
        token: w.consumerB,
        payload: {
          type: 'wrong_data',
          resourceId: w.resources.population,
          grantId: w.grantB,
          records: [{ I001: person.id_number }],
          description: '性别与公民身份号码不一致',
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    const rejected = await raise(PEOPLE[3]!);
    const dismissed = await raise(PEOPLE[5]!);
    const acc = await send(t, 'POST', `/api/v1/objections/${dismissed}/accept`, {
      token: w.tokens.approver,
      payload: {},
    });
    expect(acc.statusCode, acc.body).toBe(200);
    const head = page.getByTestId('objection');

    await loginAs(c, APPROVER);
    await page.goto(`${c.base}/objections/${rejected}`);
    await page.getByTestId('answer-form').waitFor();
    // A rejection needs a reason.
    await page.getByTestId('objection-reject').click();
    await page.getByTestId('objection-reject-confirm').click();
    await page.getByTestId('objection-reject-form').getByRole('alert').waitFor();
    expect(await head.getAttribute('data-status')).toBe('raised');
    await page.getByTestId('objection-reject-reason').fill(REJECT_REASON);
    await page.getByTestId('objection-reject-confirm').click();
    await expect.poll(() => stateOr(page, head, 'data-status')).toBe('rejected');
    expect(await head.getByTestId('objection-reason').innerText()).toBe(REJECT_REASON);
    expect(await historyActions(page)).toEqual(['raise', 'reject']);

    await page.goto(`${c.base}/objections/${dismissed}`);
    const form = page.getByTestId('resolve-form');
    await form.waitFor();
    await form.getByTestId('resolve-dismissed').click();
    await form.getByTestId('resolve-send').click();
    await form.getByTestId('resolve-hint').waitFor();
    await form.getByTestId('resolve-reason').fill(DISMISS_REASON);
    await form.getByTestId('resolve-send').click();
    await expect.poll(() => stateOr(page, head, 'data-status')).toBe('dismissed');
    expect(await head.getByTestId('objection-reason').innerText()).toBe(DISMISS_REASON);
    expect(await page.getByTestId('record-corrected').count()).toBe(0);
    expect(await historyActions(page)).toEqual(['raise', 'accept', 'dismiss']);

    // The queue filtered by status.
    await page.getByTestId('side-nav').getByText('数据异议').click();
    await page.getByTestId('objection-status-filter').selectOption('rejected');
    await expect
      .poll(() =>
        page
          .getByTestId('objection-row')
          .evaluateAll((rs) =>
            rs.map((r) => `${r.getAttribute('data-id')}:${r.getAttribute('data-status')}`),
          ),
      )
      .toEqual([`${rejected}:rejected`]);

    // The consumer: nothing disputed any more; rates the rejection unsolved.
    await loginAs(c, CONSUMER);
    await readMyData();
    expect(await page.getByTestId('record-disputed').count()).toBe(0);
    await page.goto(`${c.base}/objections/${rejected}`);
    const rate = page.getByTestId('rate-form');
    await rate.waitFor();
    await rate.getByTestId('rate-2').click();
    await rate.getByTestId('rate-unsolved').click();
    await rate.getByTestId('rate-send').click();
    await expect.poll(() => stateOr(page, head, 'data-status')).toBe('archived');
    expect(await head.getAttribute('data-outcome')).toBe('rejected');
    expect(await head.getByTestId('objection-rating').getAttribute('data-solved')).toBe('false');
    expect(await head.getByTestId('objection-rating').getAttribute('data-rating')).toBe('2');
    expect(await historyActions(page)).toEqual(['raise', 'reject', 'rate']);
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
