import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makeUscc, orgCodeCheckChar, type RequestContext } from '../../src/kernel/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { tokenFor } from '../support/identity-helpers.js';
import { contextFor, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, openConsole, type ConsoleSession } from './console-harness.js';

// 数据归集 and 数据质量 end to end in Chromium. The public-security bureau publishes a population table (ID
// number as the key, name, gender, birth date). Its steward opens 数据归集 from the resource page and uploads
// a CSV of 20 good rows and 3 bad ones — a wrong ID check digit, the impossible date 1985-02-30, a repeated
// key — and, while the job runs (the test drives the platform's job runner), watches it end with read =
// accepted + rejected and 3 rejected. The issue table shows the bad rows with masked ID numbers (never the
// raw ones), the error report downloads as CSV, and a fixed file loaded as a full replace has no rejects.
// 数据质量 then shows the score, the six-dimension radar and the trend. A consumer of another department sees
// the quality page but not the ingestion.

const STEWARD = 'gaj.q.steward';
const REVIEWER = 'dsj.q.reviewer';
const CONSUMER = 'mzj.q.consumer';
const HEADER = '公民身份号码,姓名,性别,出生日期';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '建国', '丽华', '志强', '桂兰', '海燕', '国庆', '晓明', '淑珍', '永刚', '玉梅'];
const pad = (n: number) => String(n).padStart(2, '0');

interface Person {
  id: string;
  name: string;
  gender: '1' | '2';
  birth: string;
}

/** A consistent person: the ID number carries the birth date and the gender (deterministic). */
function person(
  i: number,
  birth = `${1950 + ((i * 7) % 50)}-${pad(1 + (i % 12))}-${pad(1 + ((i * 5) % 28))}`,
) {
  const male = i % 2 === 1;
  return {
    id: makeIdNumber('330106', birth, 100 + i * 11, male ? 'male' : 'female'),
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`,
    gender: male ? '1' : '2',
    birth,
  } satisfies Person;
}

const line = (p: Person, birth = p.birth) => [p.id, p.name, p.gender, birth].join(',');
const csv = (lines: string[]) => `\ufeff${[HEADER, ...lines].join('\r\n')}\r\n`;

const good = Array.from({ length: 20 }, (_, i) => person(i));
const wrongCheck = person(20);
const badDate = person(21, '1985-02-28');
const newcomer = person(22);
/** The ID number with its check character replaced by another one. */
const brokenId = `${wrongCheck.id.slice(0, 17)}${wrongCheck.id.endsWith('0') ? '1' : '0'}`;

/** 20 good rows, then rows 21–23: a wrong check digit, 1985-02-30, and row 3's key again. */
const badFile = csv([
  ...good.map((p) => line(p)),
  line({ ...wrongCheck, id: brokenId }),
  line(badDate, '1985-02-30'),
  line({ ...good[2]!, name: '重复登记' }),
]);
/** The same people with the mistakes fixed (and a newcomer instead of the repeat). */
const fixedFile = csv([...good, wrongCheck, badDate, newcomer].map((p) => line(p)));
/** Every full ID number the files hold, and the broken one's first 17 characters. */
const rawIds = [...good, wrongCheck, badDate, newcomer].map((p) => p.id).concat(brokenId);

describe.skipIf(!haveChromium)('console quality pages in Chromium (sqlite)', () => {
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
    const gaj = await org('测试市公安局', 'TC000061');
    const mzj = await org('测试市民政局', 'TC000062');
    const user = async (orgId: string, username: string, displayName: string, role: string) => {
      const u = await p.identity.users.create(sys, { orgId, username, displayName, password: PASSWORD });
      await p.identity.users.assignRole(sec, u.id, { role });
    };
    await user(gaj.id, STEWARD, '公安局数据管理员', 'steward');
    await user(sys.actor.orgId!, REVIEWER, '目录审核员', 'reviewer');
    await user(mzj.id, CONSUMER, '民政局数据使用人', 'consumer');
    resourceId = await publish(t, await tokenFor(t, STEWARD), await tokenFor(t, REVIEWER), populationBody());
    c = await openConsole(t);
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('lets a steward upload a CSV with bad rows, read the error report, fix it and reload', async () => {
    const { page } = c;
    await page.goto(`${c.base}/`);
    await c.logIn(STEWARD);
    // No new menu entries: the pages are reached from the resource.
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
    await page.goto(`${c.base}/catalogue/resources/${resourceId}`);
    await page.getByTestId('quality-links').waitFor();
    await page.getByTestId('link-ingest').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}/ingest`);
    expect(await page.locator('.page-title').innerText()).toBe('数据归集');
    await page.getByTestId('ingest-upload').waitFor();
    await expect.poll(() => page.getByTestId('job-history').innerText()).toContain('尚无归集任务');
    expect(await page.getByTestId('table-rows').getAttribute('data-value')).toBe('0');

    // Upload the file with the bad rows (mode 增量更新, the default).
    await page.getByTestId('ingest-file').setInputFiles({
      name: '人口基本信息.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(badFile, 'utf8'),
    });
    expect(await page.getByTestId('ingest-chosen').innerText()).toContain('人口基本信息.csv');
    expect(await page.getByTestId('ingest-mode-upsert').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('ingest-start').click();
    const panel = page.getByTestId('job-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('queued');
    expect(await page.getByTestId('ingest-started').innerText()).toContain('归集任务已创建');
    expect(await page.getByTestId('ingest-start').isDisabled()).toBe(true);
    const firstJob = (await panel.getAttribute('data-job'))!;

    // The platform's job runner loads the file (and scores the table); the page polls until it ends.
    await t.platform.runner.drain();
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    expect(await panel.getByTestId('job-status').innerText()).toBe('已完成');
    const count = async (name: string) =>
      Number(await panel.getByTestId(`count-${name}`).getAttribute('data-value'));
    expect(await count('read')).toBe(23);
    expect(await count('rejected')).toBe(3);
    expect(await count('accepted')).toBe(20);
    expect(await count('read')).toBe((await count('accepted')) + (await count('rejected')));
    expect(await count('warned')).toBe(0);
    expect(await count('inserted')).toBe(20);
    expect(await panel.getByTestId('job-balance').innerText()).toContain(
      '读取 23 行 = 接收 20 行 + 拒绝 3 行',
    );
    expect(await panel.getByTestId('job-detected').innerText()).toContain('UTF-8');
    await expect.poll(() => page.getByTestId('table-rows').getAttribute('data-value')).toBe('20');

    // The issue table: rows 21–23 rejected, the ID numbers masked.
    const issues = page.getByTestId('issue-table');
    await expect.poll(() => page.getByTestId('issue-row').count()).toBeGreaterThanOrEqual(3);
    const rejectedRows = await page
      .locator('[data-testid="issue-row"][data-severity="reject"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-row')))]);
    expect(rejectedRows).toEqual(['21', '22', '23']);
    const idIssue = page.locator('[data-testid="issue-row"][data-row="21"][data-kind="idNumber"]');
    expect(await idIssue.locator('td').nth(1).innerText()).toContain('公民身份号码');
    expect(await idIssue.innerText()).toContain('拒绝');
    expect((await idIssue.getByTestId('issue-value').innerText()).trim()).toMatch(/^3\*+[0-9X]{2}$/);
    expect(await page.locator('[data-testid="issue-row"][data-row="22"]').first().innerText()).toContain(
      '出生日期',
    );
    const shown = await issues.innerText();
    for (const id of rawIds) {
      expect(shown).not.toContain(id);
      expect(shown).not.toContain(id.slice(0, 17));
    }
    await c.shot('console-quality-ingest-errors.png');

    // The error report, fetched with the token and saved by the browser.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('issues-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^错误报告-.+\.csv$/);
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(report.startsWith('\ufeff行号,信息项,规则,类别,级别,说明,值\r\n')).toBe(true);
    const lines = report.trim().split('\r\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expect.arrayContaining(['21', '22', '23']));
    expect(report).toContain('拒绝');
    for (const id of rawIds) expect(report).not.toContain(id);

    // The fixed file, as a full replace, an hour later.
    t.clock.advance(3_600_000);
    await page.getByTestId('ingest-file').setInputFiles({
      name: '人口基本信息（修正）.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixedFile, 'utf8'),
    });
    await page.getByTestId('ingest-mode-replace').click();
    expect(await page.getByTestId('ingest-mode-hint').innerText()).toContain('替换全部数据');
    await page.getByTestId('ingest-start').click();
    await expect.poll(() => panel.getAttribute('data-job')).not.toBe(firstJob);
    await t.platform.runner.drain();
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    expect(await count('read')).toBe(23);
    expect(await count('accepted')).toBe(23);
    expect(await count('rejected')).toBe(0);
    expect(await panel.innerText()).toContain('全量替换');
    await page.getByTestId('issues-none').waitFor();
    await expect.poll(() => page.getByTestId('table-rows').getAttribute('data-value')).toBe('23');
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(2);
    expect(await page.getByTestId('job-row').first().getAttribute('data-status')).toBe('succeeded');
    await c.shot('console-quality-ingest-fixed.png');

    // The first job stays readable from the history.
    await page.locator(`[data-testid="job-row"][data-job="${firstJob}"]`).getByTestId('job-view').click();
    await expect.poll(() => panel.getAttribute('data-job')).toBe(firstJob);
    await expect
      .poll(() => page.locator('[data-testid="issue-row"][data-severity="reject"]').count())
      .toBeGreaterThanOrEqual(3);

    // 数据质量: the score, the radar of the six dimensions, the trend of both loads.
    await page.getByTestId('tab-quality').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}/quality`);
    expect(await page.locator('.page-title').innerText()).toBe('数据质量');
    const score = page.getByTestId('quality-score');
    await score.waitFor();
    // Both loads were scored; the latest, of clean and fresh data, is full marks.
    expect(await page.getByTestId('quality-score-card').getAttribute('data-history')).toBe('2');
    expect(await score.innerText()).toBe('100.0');
    expect(await page.getByTestId('quality-score-card').innerText()).toContain('优秀');
    expect(await page.getByTestId('chart-radar').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('chart-trend').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('quality-dimensions').innerText()).toContain('完整性');
    for (const d of ['有效性', '唯一性', '一致性', '及时性', '准确性'])
      expect(await page.getByTestId('quality-dimensions').innerText()).toContain(d);
    expect(await page.getByTestId('quality-rows').innerText()).toBe('23');
    expect(await page.getByTestId('quality-freshness').getAttribute('data-overdue')).toBe('false');
    expect(await page.getByTestId('quality-freshness').innerText()).toContain('每日');
    expect(await page.locator('[data-testid="rule-row"][data-origin="generated"]').count()).toBeGreaterThan(
      3,
    );
    await c.shot('console-quality-score.png');

    // The steward's own rules: the server refuses a bad one field by field, then saves a good one.
    await page.getByTestId('rules-edit').click();
    expect(JSON.parse(await page.getByTestId('rules-json').inputValue())).toEqual([]);
    await page
      .getByTestId('rules-json')
      .fill('[{"id": "gen:mine", "items": ["nope"], "spec": {"kind": "notNull"}}]');
    await page.getByTestId('rules-save').click();
    await expect.poll(() => page.getByTestId('field-problem').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('quality-rules').getByRole('alert').innerText()).toContain('rules.0');
    await page.getByTestId('rules-json').fill('[not json');
    await page.getByTestId('rules-save').click();
    expect(await page.getByTestId('quality-rules').locator('.field-hint').innerText()).toContain(
      'JSON 格式有误',
    );
    await page
      .getByTestId('rules-json')
      .fill(
        '[{"id": "gender-code", "items": ["gender"], "spec": {"kind": "codeList", "values": ["1", "2"]}, "severity": "reject"}]',
      );
    await page.getByTestId('rules-save').click();
    await expect.poll(() => page.getByTestId('rules-saved').innerText()).toContain('已保存 1 条自定义规则');
    const own = page.locator('[data-testid="rule-row"][data-origin="steward"]');
    await expect.poll(() => own.count()).toBe(1);
    expect(await own.innerText()).toContain('代码表');
    expect(await own.innerText()).toContain('自定义');
    expect(c.cspViolations).toEqual([]);
    await c.logOut();
  }, 120_000);

  it('shows a consumer of another department the quality but not the ingestion', async () => {
    const { page } = c;
    await c.logIn(CONSUMER);
    await page.goto(`${c.base}/catalogue/resources/${resourceId}`);
    await page.getByTestId('quality-links').waitFor();
    expect(await page.getByTestId('link-ingest').count()).toBe(0);
    await page.getByTestId('link-quality').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/catalogue/resources/${resourceId}/quality`);
    await page.getByTestId('quality-score').waitFor();
    expect(await page.getByTestId('chart-radar').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('tab-ingest').count()).toBe(0);
    expect(await page.getByTestId('rules-edit').count()).toBe(0);
    await page.goto(`${c.base}/catalogue/resources/${resourceId}/ingest`);
    await page.getByTestId('ingest-no-access').waitFor();
    expect(await page.getByTestId('ingest-upload').count()).toBe(0);
    await c.logOut();
  }, 60_000);
});
