import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makeUscc, orgCodeCheckChar, type RequestContext } from '../../src/kernel/index.js';
import { openBody, publish } from '../catalogue/catalogue-fixtures.js';
import { tokenFor } from '../support/identity-helpers.js';
import { contextFor, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, openConsole, type ConsoleSession } from './console-harness.js';

// The catalogue end to end in Chromium. A steward of the civil-affairs bureau creates a resource from a
// sample CSV (names, ID numbers, mobiles, addresses, dates): the platform suggests a PII kind, level and mask
// per column, the steward accepts them, fixes what detection cannot know (a key, an identifier, a level for the
// date), sees a missing level outlined in its cell and a policy breach listed (数据包 is not allowed at 一般4),
// saves and submits. The bureau's reviewer approves from the review queue with the diff in view. A consumer of
// another department finds the resource with a two-character query and reads its items with coloured levels
// and masks; facets narrow the catalogue.

const STEWARD = 'mzj.steward';
const REVIEWER = 'dsj.reviewer';
const CONSUMER = 'gaj.consumer';
const OTHER_STEWARD = 'gaj.steward';
const RESOURCE = '低保对象登记名册';
const QUERY = '低保';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '秀英',
  '建国',
  '丽华',
  '志强',
  '桂兰',
  '海燕',
  '国庆',
  '晓明',
  '淑珍',
  '永刚',
  '玉梅',
  '春生',
];
const STREETS = ['解放路', '庆春路', '凤起路', '文三路', '莫干山路', '天目山路', '建国北路', '延安路'];
const DISTRICTS = ['上城区', '拱墅区', '西湖区', '滨江区'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A sample of 20 registrations with valid ID numbers and mobile numbers (deterministic). */
function sampleCsv(): string {
  const lines = ['姓名,身份证号,手机号,地址,登记日期'];
  for (let i = 0; i < 20; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`;
    const birth = `${1948 + ((i * 7) % 55)}-${pad(1 + (i % 12))}-${pad(1 + ((i * 5) % 28))}`;
    const id = makeIdNumber('330102', birth, 100 + i * 13, i % 2 ? 'male' : 'female');
    const mobile = `1${[3, 5, 7, 8, 9][i % 5]}${pad((123456789 + i * 7654321) % 1e9, 9)}`;
    const address = `浙江省杭州市${DISTRICTS[i % 4]}${STREETS[i % 8]}${10 + i * 3}号${1 + (i % 6)}幢${101 + i}室`;
    const registered = `2025-${pad(1 + (i % 12))}-${pad(1 + ((i * 3) % 28))}`;
    lines.push([name, id, mobile, address, registered].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The part of the page's window a test reads (tests compile without DOM types). */
interface BrowserWindow {
  getComputedStyle(el: unknown): { color: string };
}

/** The grid row of an item by its identifier. */
const row = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="item-row"][data-name="${name}"]`);

describe.skipIf(!haveChromium)('console catalogue pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let c: ConsoleSession;
  let resourceId: string;

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    const p = t.platform;
    const sys: RequestContext = await contextFor(t, 'sysadmin');
    const sec: RequestContext = await contextFor(t, 'secadmin');
    const org = (name: string, body: string) =>
      p.identity.organisations.create(sys, {
        name,
        uscc: makeUscc('1', '1', '330100', `${body}${orgCodeCheckChar(body)}`),
        regionCode: '330100',
        level: 'municipal',
      });
    const mzj = await org('测试市民政局', 'TC000051');
    const gaj = await org('测试市公安局', 'TC000052');
    const user = async (orgId: string, username: string, displayName: string, role: string) => {
      const u = await p.identity.users.create(sys, { orgId, username, displayName, password: PASSWORD });
      await p.identity.users.assignRole(sec, u.id, { role });
    };
    await user(mzj.id, STEWARD, '民政局数据管理员', 'steward');
    await user(sys.actor.orgId!, REVIEWER, '目录审核员', 'reviewer');
    await user(gaj.id, CONSUMER, '公安局数据使用人', 'consumer');
    await user(gaj.id, OTHER_STEWARD, '公安局数据管理员', 'steward');
    // Another published resource, so that searching and filtering have something to leave out.
    await publish(t, await tokenFor(t, OTHER_STEWARD), await tokenFor(t, REVIEWER), openBody());
    c = await openConsole(t);
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('lets a steward create a resource from a sample CSV, accepting the detections, and submit it', async () => {
    const { page } = c;
    await page.goto(`${c.base}/`);
    await c.logIn(STEWARD);
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '我的目录',
      '新建目录',
      '数据异议',
      '告警',
    ]);
    await page.getByTestId('side-nav').getByText('新建目录').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/new`);
    await page.getByTestId('resource-editor').waitFor();

    // The sample, with a UTF-8 byte-order mark as Excel writes it.
    await page.getByTestId('sample-file').setInputFiles({
      name: `${RESOURCE}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${sampleCsv()}`, 'utf8'),
    });
    await expect.poll(() => page.getByTestId('sample-done').innerText()).toContain('识别 5 列');
    expect(await page.getByTestId('sample-done').innerText()).toContain('其中 4 列疑似个人信息');
    expect(await page.getByTestId('item-row').count()).toBe(5);
    expect(await page.getByTestId('resource-name-input').inputValue()).toBe(RESOURCE);
    const kinds = await page
      .locator('.suggestion-kind')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['name', 'idNumber', 'mobile', 'address']);
    expect(await row(page, 'id_number').getByTestId('item-suggestion').innerText()).toContain('身份证号');
    expect(await row(page, 'id_number').getByTestId('item-level').inputValue()).toBe('general4');
    expect(await page.getByTestId('item-row').nth(4).getByTestId('item-suggestion').innerText()).toBe(
      '未发现个人信息',
    );

    // Unconfirmed suggestions stop the save before anything is sent.
    await page.getByTestId('resource-save').click();
    expect(await page.getByTestId('editor-hint').innerText()).toContain('还有 4 条检测建议未确认');

    // Accept each suggestion; fill in what detection cannot know.
    for (const name of ['name', 'id_number', 'mobile', 'address']) {
      await row(page, name).getByTestId('accept-suggestion').check();
      expect(await row(page, name).getAttribute('data-decision')).toBe('accepted');
    }
    expect(await page.getByTestId('accept-all').count()).toBe(0);
    await row(page, 'id_number').getByTestId('item-pk').check();
    await row(page, 'mobile').getByTestId('item-type').selectOption('string');
    await row(page, 'mobile').getByTestId('item-length').fill('11');
    await page.getByTestId('item-row').nth(4).getByTestId('item-name').fill('register_date');
    await page.getByTestId('resource-catalog').fill('003');
    await page
      .getByTestId('resource-summary')
      .fill('本市最低生活保障对象的登记信息，包括姓名、公民身份号码、联系电话、居住地址和登记日期。');
    await page.getByTestId('resource-update-cycle').selectOption('monthly');
    await page.getByTestId('resource-tags').fill('低保，社会救助');
    await page.getByTestId('resource-share-condition').fill('仅用于社会救助对象资格核验');
    await page.getByTestId('resource-share-basis').fill('《社会救助暂行办法》第十一条');
    await page.getByTestId('method-package').check();
    await page.getByTestId('resource-open-reason').selectOption('sensitive');
    await page.getByTestId('resource-open-reason-text').fill('涉及困难群众个人信息');
    await page.getByTestId('resource-contact-phone').fill('0571-87001234');
    expect(await page.getByTestId('level-hint').getAttribute('data-level')).toBe('general4');
    expect(await page.getByTestId('level-hint').innerText()).toContain('该级别不允许：数据包');

    // The date column has no level yet: the server's problem outlines that very cell.
    await page.getByTestId('resource-save').click();
    const dateRow = row(page, 'register_date');
    await expect.poll(() => dateRow.locator('td[data-invalid="true"]').count()).toBe(1);
    expect(await dateRow.locator('td[data-invalid="true"] [data-testid="item-level"]').count()).toBe(1);
    expect(await dateRow.locator('.cell-error').innerText()).toContain('national level');
    expect(await page.getByTestId('field-problem').innerText()).toContain('items.4.nationalLevel');
    await c.shot('console-catalogue-editor-errors.png');

    // With a level, the policy check speaks: 数据包 is not a delivery method for 一般4.
    await dateRow.getByTestId('item-level').selectOption('general1');
    await page.getByTestId('resource-save').click();
    await expect.poll(() => page.getByTestId('policy-violations').count()).toBe(1);
    const violation = page.getByTestId('policy-violations').locator('li[data-code="METHOD"]');
    expect(await violation.getAttribute('data-field')).toBe('share.methods');
    expect(await violation.innerText()).toContain('数据包');
    expect(await page.locator('fieldset[data-field="share.methods"]').getAttribute('data-invalid')).toBe(
      'true',
    );

    await page.getByTestId('method-package').uncheck();
    await page.getByTestId('method-verification').check();
    await page.getByTestId('resource-save').click();
    await expect.poll(() => page.url()).toMatch(/\/catalogue\/resources\/[0-9a-f-]{36}$/);
    resourceId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('resource-status').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('resource-name').innerText()).toBe(RESOURCE);
    const header = page.locator('.resource-title [data-testid="level-badge"]');
    expect(await header.getAttribute('data-level')).toBe('general4');
    expect(await header.innerText()).toContain('L4');
    await c.shot('console-catalogue-draft.png');

    await page.getByTestId('resource-submit').click();
    await expect
      .poll(() => page.getByTestId('resource-status').getAttribute('data-status'))
      .toBe('submitted');
    expect(await page.getByTestId('action-done').innerText()).toContain('已提交审核');
    expect(await page.getByTestId('resource-edit').count()).toBe(0);
    await expect.poll(() => page.getByTestId('version-row').first().innerText()).toContain('待审核');
    await c.logOut();
  }, 120_000);

  it('lets the bureau approve it from the review queue with the diff in view', async () => {
    const { page } = c;
    await c.logIn(REVIEWER);
    expect(await c.menu()).toContain('目录审核');
    expect(await c.menu()).not.toContain('新建目录');
    await page.getByTestId('side-nav').getByText('目录审核').click();
    const entry = page.getByTestId('review-entry').filter({ hasText: RESOURCE });
    await entry.waitFor();
    expect(await page.getByTestId('review-entry').count()).toBe(1);
    expect(await entry.getByTestId('diff-summary').innerText()).toContain('新增 5 项');
    expect(await entry.locator('[data-testid="level-badge"]').getAttribute('data-level')).toBe('general4');
    await entry.getByTestId('review-diff-toggle').click();
    expect(await entry.getByTestId('diff-view').innerText()).toContain('id_number');

    // A return needs comments; approval does not.
    await entry.getByTestId('review-return').click();
    expect(await entry.getByRole('alert').innerText()).toBe('退回修改时请填写审核意见。');
    await entry.getByTestId('review-comment').fill('分级与脱敏符合要求，同意发布。');
    await c.shot('console-catalogue-review.png');
    await entry.getByTestId('review-approve').click();
    await expect.poll(() => page.getByTestId('review-done').innerText()).toBe(`已批准发布：${RESOURCE}`);
    await page.getByTestId('review-empty').waitFor();
    await c.logOut();
  }, 60_000);

  it('lets a consumer of another department find it with a two-character query', async () => {
    const { page } = c;
    await c.logIn(CONSUMER);
    const menu = await c.menu();
    expect(menu).toContain('资源目录');
    for (const hidden of ['我的目录', '新建目录', '目录审核']) expect(menu).not.toContain(hidden);
    await page.getByTestId('side-nav').getByText('资源目录').click();
    await expect.poll(() => page.getByTestId('catalogue-total').getAttribute('data-total')).toBe('2');

    // Facets: one resource at 一般4, one at 一般1.
    const count = (testId: string) =>
      page.locator(`label:has([data-testid="${testId}"]) .facet-count`).innerText();
    expect(await count('facet-level-general4')).toBe('1');
    expect(await count('facet-level-general1')).toBe('1');
    await page.getByTestId('facet-level-general1').check();
    await expect.poll(() => page.getByTestId('catalogue-total').getAttribute('data-total')).toBe('1');
    expect(await page.getByTestId('catalogue-results').innerText()).toContain('公共图书馆名录');
    await page.getByTestId('facet-clear').click();
    await expect.poll(() => page.getByTestId('catalogue-total').getAttribute('data-total')).toBe('2');

    await page.getByTestId('catalogue-search').fill(QUERY);
    await page.getByTestId('catalogue-search-submit').click();
    await expect.poll(() => page.getByTestId('catalogue-total').getAttribute('data-total')).toBe('1');
    expect(page.url()).toBe(`${c.base}/catalogue?q=${encodeURIComponent(QUERY)}`);
    const card = page.getByTestId('resource-card');
    expect(await card.innerText()).toContain(RESOURCE);
    expect(await card.innerText()).toContain('测试市民政局');
    expect(await card.innerText()).toContain('有条件共享');
    expect(await card.locator('[data-testid="level-badge"]').getAttribute('data-level')).toBe('general4');
    await c.shot('console-catalogue-search.png');

    await card.getByTestId('resource-link').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}`);
    await page.getByTestId('resource-items').waitFor();
    expect(await page.locator('.page-title').innerText()).toBe('资源详情');
    expect(await page.getByTestId('resource-status').getAttribute('data-status')).toBe('published');
    expect(await page.getByTestId('resource-actions').count()).toBe(0);
    const items = page.getByTestId('resource-items').locator('tbody tr');
    expect(await items.count()).toBe(5);
    const levels = await items
      .locator('[data-testid="level-badge"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(levels).toEqual(['general3', 'general4', 'general3', 'general3', 'general1']);
    const idRow = items.filter({ hasText: 'id_number' });
    expect(await idRow.innerText()).toContain('证件号脱敏（保留前1位、后2位）');
    expect(await idRow.innerText()).toContain('L4');
    // A badge is coloured by its level (一般4: red text on a light red ground).
    const colour = await idRow
      .locator('[data-testid="level-badge"]')
      .evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).color);
    expect(colour).toBe('rgb(179, 38, 30)');
    expect(await page.getByTestId('resource-share').innerText()).toBe('有条件共享');
    expect(await page.getByTestId('resource-open').innerText()).toBe('不予开放');
    const history = page.getByTestId('version-row');
    expect(await history.count()).toBe(1);
    expect(await history.innerText()).toContain('已发布');
    expect(await history.innerText()).toContain('新增 5 项');
    await history.getByTestId('version-toggle').click();
    expect(await page.getByTestId('diff-view').innerText()).toContain('register_date');
    await c.shot('console-catalogue-resource.png');

    // Back returns to the result list as it was.
    await page.goBack();
    await expect.poll(() => page.getByTestId('catalogue-total').getAttribute('data-total')).toBe('1');
    expect(await page.getByTestId('catalogue-search').inputValue()).toBe(QUERY);
    expect(c.cspViolations).toEqual([]);
    await c.logOut();
  }, 60_000);

  it('lets the steward open a new version whose diff against the published one shows before review', async () => {
    const { page } = c;
    await c.logIn(STEWARD);
    await page.getByTestId('side-nav').getByText('我的目录').click();
    await page
      .getByTestId('resource-card')
      .filter({ hasText: RESOURCE })
      .getByTestId('resource-link')
      .click();
    await page.getByTestId('resource-edit').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}/edit`);
    expect(await page.locator('.page-title').innerText()).toBe('编辑资源');
    expect(await page.getByTestId('editor-target').innerText()).toContain('保存后将生成第 2 版');
    // The stored document comes back as it was saved: five items, the key, the accepted masks.
    expect(await page.getByTestId('item-row').count()).toBe(5);
    expect(await row(page, 'id_number').getByTestId('item-pk').isChecked()).toBe(true);
    expect(await row(page, 'mobile').getByTestId('item-level').inputValue()).toBe('general3');
    await row(page, 'mobile').getByTestId('item-level').selectOption('general4');
    await page.getByTestId('resource-save').click();

    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}`);
    expect(await page.getByTestId('resource-pending').innerText()).toContain('第 2 版正在修订中（草稿）');
    // The published version stays what everyone sees until the change is approved.
    expect(await page.getByTestId('resource-status').getAttribute('data-status')).toBe('published');
    const v2 = page.locator('[data-testid="version-row"][data-version="2"]');
    await v2.waitFor();
    expect(await page.getByTestId('version-row').count()).toBe(2);
    await v2.getByTestId('version-toggle').click();
    const diff = page.getByTestId('diff-view');
    await expect.poll(() => diff.innerText()).toContain('级别提高或共享收紧');
    expect(await diff.innerText()).toContain('mobile');
    expect(await diff.locator('.diff-table').innerText()).toContain('一般3\t一般4');
    await c.shot('console-catalogue-versions.png');
    await c.logOut();
  }, 60_000);
});
