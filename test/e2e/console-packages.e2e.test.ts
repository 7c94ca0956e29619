import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../catalogue/catalogue-fixtures.js';
import { buildExchangeWorld, type ExchangeWorld } from '../exchange/exchange-fixtures.js';
import {
  contactsBody,
  deliveredRows,
  leakSample,
  residents,
  TRACE_SCOPE,
  writeCsv,
} from '../exchange/trace-fixtures.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { loadRows } from '../sharing/sharing-fixtures.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, loginAs, openConsole, type ConsoleSession } from './console-harness.js';

// 数据包 and 泄露溯源 in the console end to end in Chromium (issue 9 §1, §3). 公安局 publishes 居民联系信息 (60
// synthetic residents) and grants 民政局 all items — ID number, name, mobile and address masked, the birth date
// generalised to its year — by API and package; a second grant of the same scope exists too. 民政局's
// consumer opens the grant in 我的数据, asks for a CSV package of four items, watches it go from queued to
// ready (the test drives the platform's job runner), and downloads it: the saved file has exactly the
// package's size, is sealed (no resident's name or mobile number in it) and is listed under 数据包 as well.
// Half of the grant's records, as the records API delivered them, then "leak" (shuffled, the key dropped): the
// secadmin uploads the CSV under 泄露溯源 and the page names the grant and 民政局 with its figures; the clear
// source rows name nobody ("no match"). The auditor has the page too.

const CONSUMER = 'w.consumer-b';
const ROWS = 60;
const FIELDS = ['I002', 'I003', 'I004', 'I005'];

/** An attribute of an element, or the text of the error notice shown instead (so a failure says why). */
const stateOr = async (page: Page, el: Locator, attr: string): Promise<string | null> => {
  const error = page.locator('.notice-error');
  return (await error.count()) ? `error: ${await error.first().innerText()}` : el.getAttribute(attr);
};

/** The line of a package in a package table. */
const packageLine = (page: Page, id: string): Locator =>
  page
    .getByTestId('packages')
    .locator('tbody tr', { has: page.locator(`[data-testid="package"][data-package="${id}"]`) });

describe.skipIf(!haveChromium)('console package and leak-trace pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let c: ConsoleSession;
  let grantId: string;
  let otherGrant: string;
  let packageId = '';
  let dir: string;
  const source = residents(ROWS, 11);
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    w = await buildExchangeWorld(t);
    const resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, contactsBody());
    await loadRows(
      t,
      resourceId,
      source.map((r) => ({ ...r })),
    );
    const approver = await ctxOf(t, w.tokens.approver);
    const grant = (methods: string[]) =>
      issueGrant(
        t,
        approver,
        partRequest(w, 'population', {
          resourceId,
          items: ['I001', 'I002', 'I003', 'I004', 'I005', 'I006'],
          methods,
        }),
        { ...TRACE_SCOPE, methods },
      );
    grantId = await grant(['api', 'package']);
    otherGrant = await grant(['api']);
    dir = path.join(t.testDb.dataDir, 'console-packages');
    fs.mkdirSync(dir, { recursive: true });
    c = await openConsole(t);
    c.page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('lets a consumer ask for a CSV package of a grant, follow its build and download it sealed', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    const menu = await c.menu();
    expect(menu.slice(menu.indexOf('我的数据'), menu.indexOf('我的数据') + 3)).toEqual([
      '我的数据',
      '数据包',
      '访问记录',
    ]);
    await page.getByTestId('side-nav').getByText('我的数据').click();
    const row = page.locator(`[data-testid="data-grant"][data-grant="${grantId}"]`);
    await row.waitFor();
    await row.getByTestId('data-open').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/exchange/data/${grantId}`);

    // The request form: CSV by default; four of the six granted items ticked.
    const form = page.getByTestId('package-request');
    await form.waitFor();
    expect(await page.getByTestId('package-format').inputValue()).toBe('csv');
    await page.getByTestId('package-format').selectOption('ndjson');
    await page.getByTestId('package-format').selectOption('csv');
    const codes = await page
      .getByTestId('package-field')
      .evaluateAll((es) => es.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(['I001', 'I002', 'I003', 'I004', 'I005', 'I006']);
    for (const code of FIELDS)
      await page.locator(`[data-testid="package-field"][data-code="${code}"]`).check();
    // The offline opening is explained beside it.
    expect(await page.getByTestId('package-open-command').innerText()).toContain(
      'orderly package open <数据包编号>.pkg --key',
    );
    await page.getByTestId('package-submit').click();
    const requested = page.getByTestId('package-requested');
    await expect.poll(() => stateOr(page, requested, 'data-package')).toMatch(/^[0-9a-f-]{36}$/);
    packageId = (await requested.getAttribute('data-package'))!;

    // Listed at once, queued; the job runner builds it; the page, polling, shows it ready with its figures.
    const line = packageLine(page, packageId);
    await expect.poll(() => line.getByTestId('package-status').getAttribute('data-status')).toBe('queued');
    expect(await line.getByTestId('package-download').count()).toBe(0);
    await t.platform.runner.drain();
    await expect.poll(() => line.getByTestId('package-status').getAttribute('data-status')).toBe('ready');
    expect(await line.getByTestId('package-status').innerText()).toBe('可下载');
    const api = await send(t, 'GET', `/api/v1/exchange/packages/${packageId}`, { token: w.consumerB });
    expect(api.statusCode).toBe(200);
    const pkg = api.json<{
      rows: number;
      bytes: number;
      format: string;
      fields: string[];
      expiresAt: string;
    }>();
    expect(pkg).toMatchObject({ rows: ROWS, format: 'csv', fields: FIELDS });
    await expect.poll(() => line.getByTestId('package-rows').innerText()).toBe(String(ROWS));
    expect(await line.getByTestId('package-bytes').getAttribute('data-bytes')).toBe(String(pkg.bytes));
    expect(await line.getByTestId('package-fields').innerText()).toBe(FIELDS.join('、'));
    expect(await line.innerText()).toContain('CSV');
    await c.shot('console-packages-grant.png');

    // The download is the sealed file as the server holds it: its size, no clear value inside.
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      line.getByTestId('package-download').click(),
    ]);
    expect(dl.suggestedFilename()).toBe(`${packageId}.pkg`);
    const saved = path.join(dir, `${packageId}.pkg`);
    await dl.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    expect(bytes.length).toBe(pkg.bytes);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('ORDSEAL1');
    for (const r of source) {
      expect(bytes.includes(Buffer.from(r.name, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(r.mobile, 'utf8'))).toBe(false);
    }

    // 数据包 lists the organisation's packages: the same one, with its resource.
    await page.getByTestId('side-nav').getByText('数据包').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/exchange/packages`);
    const listed = packageLine(page, packageId);
    await expect.poll(() => listed.getByTestId('package-status').getAttribute('data-status')).toBe('ready');
    // The resource name arrives after the list (a second request): wait for it.
    await expect.poll(() => listed.innerText()).toContain('居民联系信息');
    expect(await listed.getByTestId('package-download').count()).toBe(1);
    await c.shot('console-packages-list.png');
    await c.logOut();
  }, 120_000);

  it("lets the secadmin trace a leaked copy of the grant's records to it, and an unmarked file to nobody", async () => {
    const { page } = c;
    // Half of the records the grant delivered (the records API's response), shuffled, the key column dropped.
    const delivered = await deliveredRows(t, w.consumerB, grantId);
    expect(delivered).toHaveLength(ROWS);
    const leaked = path.join(dir, 'leak.csv');
    writeCsv(leaked, leakSample(delivered, 0.5, ['I001'], 5));
    // The source rows in clear (by item name): no grant's rendering, so nobody's watermark.
    const clear = path.join(dir, 'clear.csv');
    writeCsv(
      clear,
      source.map((r) => ({
        name: r.name,
        mobile: r.mobile,
        address: r.address,
        gender: r.gender,
        birth_date: r.birth_date,
      })),
    );

    await loginAs(c, 'secadmin');
    expect(await c.menu()).toContain('泄露溯源');
    await page.getByTestId('side-nav').getByText('泄露溯源').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/exchange/trace`);
    await page.getByTestId('trace-file').setInputFiles(leaked);
    await expect.poll(() => page.getByTestId('trace-chosen').innerText()).toContain('leak.csv');
    await page.getByTestId('trace-submit').click();
    const verdict = page.getByTestId('trace-verdict');
    await expect.poll(() => stateOr(page, verdict, 'data-verdict')).toBe('match');
    const named = page.getByTestId('trace-named');
    expect(await named.count()).toBe(1);
    expect(await named.getAttribute('data-grant')).toBe(grantId);
    expect(await named.getByTestId('trace-recipient').innerText()).toBe('测试市民政局');
    expect(await named.getByTestId('trace-grant-status').innerText()).toBe('有效');
    expect(await named.getByTestId('trace-matched').innerText()).toBe(`${ROWS / 2} / ${ROWS / 2} 行`);
    expect(Number(await named.getByTestId('trace-expected').innerText())).toBeLessThan(ROWS / 2);
    expect(await named.getByTestId('trace-bound').innerText()).toMatch(/^(≤ \d\.\de-\d+|< 1e-300)$/);
    expect(await page.getByTestId('trace-confidence').innerText()).toContain('误判上限');
    expect(await page.getByTestId('trace-rows').innerText()).toContain(`${ROWS / 2} 行`);
    await expect.poll(() => page.getByTestId('trace-resource-name').innerText()).toBe('居民联系信息');
    // Both grants of the resource were compared; only the one that delivered the rows is named.
    const compared = await page
      .getByTestId('trace-candidate')
      .evaluateAll((es) => es.map((e) => [e.getAttribute('data-grant'), e.getAttribute('data-named')]));
    expect(compared).toEqual([
      [grantId, 'true'],
      [otherGrant, 'false'],
    ]);
    await c.shot('console-trace-match.png');

    await page.getByTestId('trace-file').setInputFiles(clear);
    await page.getByTestId('trace-submit').click();
    await expect.poll(() => stateOr(page, verdict, 'data-verdict')).toBe('no_match');
    expect(await page.getByTestId('trace-verdict-title').innerText()).toBe('溯源结论：未发现匹配');
    expect(await page.getByTestId('trace-no-match').innerText()).toContain('1e-9');
    expect(await page.getByTestId('trace-named').count()).toBe(0);
    await c.shot('console-trace-no-match.png');

    // The auditor traces too.
    await loginAs(c, 'auditor');
    expect(await c.menu()).toContain('泄露溯源');
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
