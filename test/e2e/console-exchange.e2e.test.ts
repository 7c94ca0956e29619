import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExchangeWorld,
  fitsWatermarked,
  PEOPLE,
  type ExchangeWorld,
} from '../exchange/exchange-fixtures.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, loginAs, openConsole, type ConsoleSession } from './console-harness.js';

// The exchange console pages end to end in Chromium (issue 8 §6). 公安局 grants 民政局 人口基本信息 with the ID
// number and name masked, gender in clear and the birth date generalised to its year. 民政局's consumer opens
// 我的数据, picks the grant, states a case reference, narrows by gender and reads the rows: masked exactly as
// granted, the masked columns marked, no clear value anywhere on the page, the page's evidence id shown. The
// provider's approver revokes the grant; the consumer's next refresh — and a reload of the page — shows access
// denied with the reason. The provider's access log, and the auditor's, show the read with its case and user.

const CONSUMER = 'w.consumer-b';
const APPROVER = 'w.approver';
const CASE = 'DB-2026-0042';

/** A column's header cell in the records table. */
const col = (page: Page, code: string): Locator =>
  page.locator(`[data-testid="records-col"][data-code="${code}"]`);

/** The cells of one item, top to bottom. */
const cells = (page: Page, code: string): Promise<string[]> =>
  page.getByTestId('record').locator(`td[data-code="${code}"]`).allInnerTexts();

describe.skipIf(!haveChromium)('console exchange pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let c: ConsoleSession;
  let grantId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    w = await buildExchangeWorld(t);
    grantId = await issueGrant(t, await ctxOf(t, w.tokens.approver), partRequest(w, 'population'), {
      items: [
        { code: 'I001' },
        { code: 'I002' },
        { code: 'I003' },
        { code: 'I004', mask: { kind: 'dateToYear' } },
      ],
    });
    c = await openConsole(t);
    c.page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('lets a consumer browse a granted resource masked as granted, with a case reference', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    const menu = await c.menu();
    for (const entry of ['我的数据', '访问记录']) expect(menu).toContain(entry);
    await page.getByTestId('side-nav').getByText('我的数据').click();
    const row = page.locator(`[data-testid="data-grant"][data-grant="${grantId}"]`);
    await row.waitFor();
    const line = page.getByTestId('data-grants').locator('tr', { has: row });
    // Resource names arrive after the grant list (a second request): wait for them.
    await expect.poll(() => line.innerText()).toContain('人口基本信息');
    expect(await line.innerText()).toContain('测试市公安局');
    expect(await line.innerText()).toContain('接口');
    // The grant's own page leads there too.
    await page.goto(`${c.base}/sharing/grants/${grantId}`);
    await page.getByTestId('grant-browse').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/exchange/data/${grantId}`);
    await page.getByTestId('side-nav').getByText('我的数据').click();
    await row.getByTestId('data-open').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/exchange/data/${grantId}`);
    await page.getByTestId('records-query').waitFor();
    // Nothing is read before the user asks (every read is recorded).
    expect(await page.getByTestId('records-result').getAttribute('data-state')).toBe('idle');

    await page.getByTestId('records-case').fill(CASE);
    // Only the item granted in clear (gender) may be filtered on.
    await page.getByTestId('filter-add').click();
    const options = await page
      .getByTestId('filter-item')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(options).toEqual(['I003']);
    await page.getByTestId('filter-value').fill('1');
    await page.getByTestId('records-run').click();
    await expect.poll(() => page.getByTestId('records-result').getAttribute('data-state')).toBe('page');

    // Four persons of gender 1; masked columns marked with the grant's mask.
    expect(await page.getByTestId('record').count()).toBe(4);
    expect(await col(page, 'I001').getAttribute('data-masked')).toBe('true');
    expect(await col(page, 'I001').getByTestId('mask-badge').getAttribute('data-mask')).toBe('idNumber');
    expect(await col(page, 'I001').innerText()).toContain('公民身份号码');
    expect(await col(page, 'I004').getByTestId('mask-badge').getAttribute('data-mask')).toBe('dateToYear');
    expect(await col(page, 'I003').getAttribute('data-masked')).toBe('false');
    expect(await col(page, 'I003').getByTestId('mask-badge').count()).toBe(0);
    expect(await cells(page, 'I003')).toEqual(['1', '1', '1', '1']);
    expect((await cells(page, 'I004')).sort()).toEqual(['1980', '1990', '1995', '2005']);
    // 张三丰 (born 1980; the year is unique): the masked forms of his ID number and name — the ID number with
    // the grant's watermark, one more of the three shown characters hidden (docs/watermarks.md).
    const zhang = page.getByTestId('record').filter({
      has: page.locator('td[data-code="I004"]', { hasText: /^1980$/ }),
    });
    expect(
      fitsWatermarked(await zhang.locator('td[data-code="I001"]').innerText(), '3***************11'),
    ).toBe(true);
    expect(await zhang.locator('td[data-code="I002"]').innerText()).toBe('张**');
    // No clear ID number, name or birth date anywhere in the page (text or attributes).
    const html = await page.content();
    for (const p of PEOPLE) {
      expect(html).not.toContain(p.id_number);
      expect(html).not.toContain(p.name);
      expect(html).not.toContain(p.birth_date);
    }
    const evidence = await page.getByTestId('records-evidence').innerText();
    expect(evidence).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('records-next').isDisabled()).toBe(true);
    // A refresh reads the page again: a second access with its own evidence.
    await page.getByTestId('records-refresh').click();
    await expect.poll(() => page.getByTestId('records-evidence').innerText()).not.toBe(evidence);
    expect(await page.getByTestId('record').count()).toBe(4);
    await c.shot('console-exchange-my-data.png');
  }, 90_000);

  it('shows access denied with the reason once the provider revokes the grant', async () => {
    const { page } = c;
    const revoked = await send(t, 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, {
      token: w.tokens.approver,
      payload: { reason: '低保核对工作结束' },
    });
    expect(revoked.statusCode).toBe(200);
    // The open page learns it on its next read; the rows shown before are taken away.
    await page.getByTestId('records-refresh').click();
    const denied = page.getByTestId('access-denied');
    await expect.poll(() => denied.getAttribute('data-reason')).toBe('REVOKED');
    expect(await page.getByTestId('access-denied-reason').innerText()).toBe('授权已被撤销');
    expect(await page.getByTestId('record').count()).toBe(0);
    // The denial has the page read the grant again: its status is now shown as revoked.
    await expect.poll(() => page.getByTestId('data-grant-head').getAttribute('data-status')).toBe('revoked');
    await c.shot('console-exchange-denied.png');

    // A reload of the page reads again when asked, and is refused the same way.
    await page.reload();
    await page.getByTestId('records-case').fill(CASE);
    await page.getByTestId('records-run').click();
    await expect.poll(() => denied.getAttribute('data-reason')).toBe('REVOKED');
    expect(await page.getByTestId('data-grant-head').getAttribute('data-status')).toBe('revoked');
    // The revoked grant has left the list of readable grants.
    await page.getByTestId('side-nav').getByText('我的数据').click();
    await page.getByTestId('data-grants').waitFor();
    expect(await page.locator(`[data-testid="data-grant"][data-grant="${grantId}"]`).count()).toBe(0);
  }, 60_000);

  it('shows the provider who accessed what, when and for which case; the auditor sees all', async () => {
    const { page } = c;
    await loginAs(c, APPROVER);
    expect(await c.menu()).toContain('访问记录');
    expect(await c.menu()).not.toContain('我的数据');
    await page.getByTestId('side-nav').getByText('访问记录').click();
    const log = page.getByTestId('access-log');
    await expect.poll(() => log.getAttribute('data-box')).toBe('provider');
    // The consumer's two reads (the query and its refresh); the refusals after the revoke are not accesses.
    const rows = page.getByTestId('access').locator('tbody tr', { hasText: CASE });
    await expect.poll(() => rows.count()).toBe(2);
    const first = rows.first();
    expect(await first.getByTestId('access-case').innerText()).toBe(CASE);
    expect(await first.getByTestId('access-caller').getAttribute('data-caller-kind')).toBe('user');
    expect(await first.getByTestId('access-caller').getAttribute('data-caller-id')).toBe(w.consumerBId);
    const text = await first.innerText();
    expect(text).toContain('人口基本信息');
    expect(text).toContain('测试市民政局');
    expect(text).toContain('读取数据');
    expect(text).toContain('I001、I002、I003、I004');
    // Narrowed to the grant: the same rows.
    await page.getByTestId('access-grant').selectOption(grantId);
    await expect
      .poll(() => page.getByTestId('access').locator('tbody tr', { hasText: CASE }).count())
      .toBe(2);
    await c.shot('console-exchange-access-provider.png');

    await loginAs(c, 'auditor');
    await page.getByTestId('side-nav').getByText('访问记录').click();
    await expect.poll(() => page.getByTestId('access-log').getAttribute('data-box')).toBe('all');
    await expect
      .poll(() => page.getByTestId('access').locator('tbody tr', { hasText: CASE }).count())
      .toBe(2);
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
