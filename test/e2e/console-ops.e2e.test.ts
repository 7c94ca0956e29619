import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, newId, orgCodeCheckChar, systemContext } from '../../src/kernel/index.js';
import { contextFor, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, openConsole, type ConsoleSession } from './console-harness.js';

// The operations pages end to end in Chromium: alerts raised through the services reach the secadmin's
// inbox bell, the inbox opens the alert, which is acknowledged and resolved; the sysadmin's jobs page shows
// jobs in every state and retries and cancels them; the working calendar shows 国庆节 and computes
// deadlines, and the secadmin loads a year file; an org_admin subscribes a webhook and reads the delivery
// attempts against a real receiver on 127.0.0.1.

const ORG_ADMIN = 'li.admin';

/** A receiver on 127.0.0.1 that answers 500 to the first request and 200 afterwards. */
async function startReceiver(): Promise<{ url: string; statuses: number[]; close: () => Promise<void> }> {
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = statuses.length === 0 ? 500 : 200;
      statuses.push(status);
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/orderly`,
    statuses,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.skipIf(!haveChromium)('console operations pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let c: ConsoleSession;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let countyId: string;
  let alertId: string;

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { env: { ORDERLY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    rx = await startReceiver();
    const p = t.platform;
    const sys = await contextFor(t, 'sysadmin');
    const sec = await contextFor(t, 'secadmin');
    const county = await p.identity.organisations.create(sys, {
      name: '测试县数据资源局',
      uscc: makeUscc('1', '1', '330110', `TB000011${orgCodeCheckChar('TB000011')}`),
      regionCode: '330110',
      level: 'county',
    });
    countyId = county.id;
    const admin = await p.identity.users.create(sys, {
      orgId: county.id,
      username: ORG_ADMIN,
      displayName: '李管理',
      password: PASSWORD,
    });
    await p.identity.users.assignRole(sec, admin.id, { role: 'org_admin' });

    // Two alerts for the secadmin before the browser opens: one raised directly, one by the calendar when a
    // deadline runs into 2027, whose schedule is not loaded (provisional).
    const db = p.db.kysely;
    const alert = await db.transaction().execute((trx) =>
      p.alerts.raise(trx, systemContext('test', newId()), {
        severity: 'critical',
        source: 'test',
        type: 'test.e2e',
        title: '测试告警',
        detail: '端到端测试通过服务层触发的严重告警。',
        subjectType: 'test',
        subjectId: 'x',
        responsibleRole: 'secadmin',
      }),
    );
    alertId = alert.id;
    await db
      .transaction()
      .execute((trx) =>
        p.calendar.deadline(trx, systemContext('test', newId()), new Date('2026-12-28T02:00:00Z'), 5),
      );

    // A long inbox for the auditor: 31 routine notices, one more than a page.
    await db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 31; i++)
        await p.alerts.raise(trx, systemContext('test', newId()), {
          severity: 'info',
          source: 'test',
          type: 'test.routine',
          title: `例行巡检提示 ${i}`,
          subjectType: 'test',
          subjectId: String(i),
          responsibleRole: 'auditor',
        });
    });

    // Jobs in several states: one succeeds, one fails for good, one stays queued (no handler here), plus
    // a schedule.
    p.runner.register('demo.ok', async () => ({ ok: true }));
    p.runner.register('demo.fail', async () => {
      throw new Error('下游接口超时（演示）');
    });
    await db.transaction().execute(async (trx) => {
      await p.jobs.enqueue(trx, 'demo.ok', {});
      await p.jobs.enqueue(trx, 'demo.fail', {}, { maxAttempts: 1 });
      await p.jobs.enqueue(trx, 'demo.noop', {});
    });
    await p.jobs.defineSchedule(
      'calendar.daily-check',
      'demo.ok',
      86_400,
      null,
      new Date('2026-03-03T00:00:00Z'),
    );
    expect(await p.runner.drain()).toBe(2);

    c = await openConsole(t);
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await rx?.close();
    await t?.close();
  });

  it('shows the secadmin the unread badge, the inbox, and the alert to acknowledge and resolve', async () => {
    const { page } = c;
    await page.goto(`${c.base}/`);
    await c.logIn('secadmin');
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '用户',
      '告警',
      '平台密钥',
      '证据账本',
      '泄露溯源',
    ]);
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('2');

    await page.getByTestId('inbox-bell').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/inbox`);
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(2);
    const list = await page.getByTestId('inbox-list').innerText();
    expect(list).toContain('测试告警');
    expect(list).toContain('严重告警');
    expect(list).toContain('工作日历缺少 2027 年安排');
    expect(await page.locator('.inbox-item.unread').count()).toBe(2);
    expect(await page.getByTestId('inbox-unread').innerText()).toBe('未读 2 条');
    await c.shot('console-inbox-zh.png');

    // Opening the message marks it read and follows its link to the alert.
    await page.getByTestId('inbox-item').filter({ hasText: '测试告警' }).locator('.inbox-open').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/alerts/${alertId}`);
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('1');
    await expect.poll(() => page.getByTestId('alert-status').innerText()).toBe('待处理');
    expect(await page.locator('.page-title').innerText()).toBe('告警详情');
    expect(await page.getByTestId('alert-detail').innerText()).toContain('安全管理员');

    await page.getByTestId('alert-acknowledge').click();
    await expect.poll(() => page.getByTestId('alert-status').innerText()).toBe('已确认');
    // An empty resolution is refused before it is sent.
    await page.getByTestId('alert-resolve').click();
    expect(await page.getByTestId('alert-actions').getByRole('alert').innerText()).toBe('请填写处理说明。');
    await page.locator('textarea[name=resolution]').fill('已核实：测试触发，无需进一步处置。');
    await c.shot('console-alert-zh.png');
    await page.getByTestId('alert-resolve').click();
    await expect.poll(() => page.getByTestId('alert-status').innerText()).toBe('已解决');
    expect(await page.getByTestId('alert-resolution').innerText()).toBe('已核实：测试触发，无需进一步处置。');
    expect(await page.getByTestId('alert-actions').count()).toBe(0);
  }, 90_000);

  it('lists and filters alerts with severities and shows the server refusing a stale action', async () => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('告警').click();
    await expect.poll(() => page.getByTestId('alerts').innerText()).toContain('测试告警');
    const table = await page.getByTestId('alerts').innerText();
    expect(table).toContain('严重');
    expect(table).toContain('警告');
    expect(await page.locator('tr.row-sev-critical').count()).toBe(1);
    await page.getByTestId('alert-status-filter').selectOption('open');
    await expect.poll(() => page.getByTestId('alerts').innerText()).not.toContain('测试告警');
    expect(await page.getByTestId('alerts').innerText()).toContain('工作日历缺少 2027 年安排');
    await c.shot('console-alerts-zh.png');

    // Someone else resolves the calendar alert while this page shows it open: the server's 409 shows.
    await page.getByTestId('alerts').getByText('工作日历缺少 2027 年安排').click();
    await expect.poll(() => page.getByTestId('alert-status').innerText()).toBe('待处理');
    const id = page.url().split('/').pop()!;
    await t.platform.alerts.resolve(await contextFor(t, 'secadmin'), id, {
      resolution: '已载入 2027 年安排',
    });
    await page.getByTestId('alert-acknowledge').click();
    await expect.poll(() => page.getByTestId('server-message').innerText()).toContain('already resolved');
    expect(await page.getByTestId('alert-actions').getByRole('alert').innerText()).toContain(
      '与现有数据冲突',
    );
  }, 60_000);

  it('lets the secadmin load a calendar year, listing every problem of a bad file', async () => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('工作日历').click();
    await page.getByTestId('calendar-upload').waitFor();
    await page.getByTestId('calendar-upload-year').fill('2027');
    await page.getByTestId('calendar-upload-text').fill('{"year": 2027, "holidays": [');
    await page.getByTestId('calendar-upload-submit').click();
    await expect
      .poll(() => page.getByTestId('calendar-upload').getByRole('alert').innerText())
      .toContain('不是有效的 JSON');

    const bad = {
      year: 2027,
      source: '',
      holidays: [{ date: '2027-02-30', name: '春节' }, { date: '2027-10-01' }],
      workdays: [{ date: '2027-10-11', name: '国庆节调休' }],
    };
    await page.getByTestId('calendar-upload-text').fill(JSON.stringify(bad, null, 2));
    await page.getByTestId('calendar-upload-submit').click();
    await expect.poll(() => page.getByTestId('field-problem').count()).toBe(4);
    const problems = await page.getByTestId('calendar-upload').getByRole('alert').innerText();
    expect(problems).toContain('提交的内容有误');
    expect(problems).toContain('holidays[0].date');
    expect(problems).toContain('日期须为真实存在的 YYYY-MM-DD 日期');
    expect(problems).toContain('holidays[1].name');
    expect(problems).toContain('workdays[0].date');
    expect(problems).toContain('source');
    await c.shot('console-calendar-upload-zh.png');

    const good = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
      ],
      workdays: [],
    };
    await page.getByTestId('calendar-upload-text').fill(JSON.stringify(good));
    await page.getByTestId('calendar-upload-submit').click();
    await expect
      .poll(() => page.getByTestId('calendar-upload-done').innerText())
      .toContain('2027 年度安排已载入');
    await expect.poll(() => page.getByTestId('calendar-years').innerText()).toContain('测试数据');
    expect(await page.getByTestId('calendar-years').innerText()).toContain('已载入');
    await c.logOut();
  }, 60_000);

  it('gives the sysadmin the jobs page with counts, schedules, retry and cancel', async () => {
    const { page } = c;
    await c.logIn('sysadmin');
    await page.getByTestId('side-nav').getByText('任务').click();
    await expect.poll(() => page.getByTestId('jobs').innerText()).toContain('demo.noop');
    const jobs = await page.getByTestId('jobs').innerText();
    expect(jobs).toContain('demo.fail');
    expect(jobs).toContain('已失败');
    expect(jobs).toContain('已完成');
    expect(jobs).toContain('排队中');
    expect(await page.getByTestId('job-schedules').innerText()).toContain('calendar.daily-check');
    expect(await page.getByTestId('job-schedules').innerText()).toContain('每 1 天');
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(1);
    await page.waitForTimeout(1200); // let the chart animation finish before the screenshot
    await c.shot('console-jobs-zh.png');

    // The failed job's detail shows its last error; retrying puts it back in the queue.
    await page.getByTestId('jobs').getByText('demo.fail').click();
    await expect.poll(() => page.getByTestId('job-last-error').innerText()).toContain('下游接口超时');
    expect(await page.getByTestId('job-detail').innerText()).toContain('1 / 1');
    await page.getByTestId('job-retry').click();
    await expect.poll(() => page.getByTestId('job-status').innerText()).toBe('排队中');
    await page.getByText('返回任务列表').click();

    // Cancel the queued demo.noop from the list, then filter by status.
    const noop = page.getByTestId('jobs').locator('tr', { hasText: 'demo.noop' });
    await noop.getByTestId('job-cancel').click();
    await expect.poll(() => noop.innerText()).toContain('已取消');
    await page.getByTestId('job-status-filter').selectOption('cancelled');
    await expect.poll(() => page.getByTestId('jobs').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('jobs').innerText()).toContain('demo.noop');
  }, 60_000);

  it('shows 国庆节 in October 2026 and computes deadlines in working days', async () => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('工作日历').click();
    await page.getByTestId('calendar-month').fill('2026-10');
    await expect.poll(() => page.getByTestId('calendar-month-title').innerText()).toBe('2026年10月');
    await expect.poll(() => page.locator('[data-date="2026-10-01"]').innerText()).toContain('国庆节');
    expect(await page.locator('[data-date="2026-10-01"]').getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator('[data-date="2026-10-10"]').getAttribute('data-kind')).toBe('makeup-workday');
    expect(await page.locator('[data-date="2026-10-11"]').getAttribute('data-kind')).toBe('weekend');
    expect(await page.getByTestId('calendar-runs').innerText()).toContain('国庆节');
    expect(await page.getByTestId('calendar-years').innerText()).toContain('2026');

    // 2026-09-29 09:00 + 5 working days: 9/30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12.
    await page.getByTestId('deadline-from').fill('2026-09-29T09:00');
    await page.getByTestId('deadline-days').fill('5');
    await page.getByTestId('deadline-submit').click();
    await expect.poll(() => page.getByTestId('deadline-due').innerText()).toContain('2026年10月12日');
    expect(await page.getByTestId('deadline-result').innerText()).toContain('2026-10-12T16:00:00.000Z');
    expect(await page.getByTestId('deadline-provisional').count()).toBe(0);
    await c.shot('console-calendar-zh.png');

    // Past the loaded years (2028 is not loaded) the answer is provisional.
    await page.getByTestId('deadline-from').fill('2027-12-28T10:00');
    await page.getByTestId('deadline-submit').click();
    await page.getByTestId('deadline-provisional').waitFor();

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('calendar-month-title').innerText()).toBe('October 2026');
    expect(await page.locator('.calendar-legend').innerText()).toContain('Make-up workday');
    await c.shot('console-calendar-en.png');
    await page.getByTestId('lang-switch').click();
    await c.logOut();
  }, 60_000);

  it('lets an org_admin subscribe a webhook and read its delivery attempts', async () => {
    const { page } = c;
    await c.logIn(ORG_ADMIN);
    await page.getByTestId('side-nav').getByText('接口订阅').click();
    const form = page.getByTestId('webhook-form');
    await form.locator('input[name=url]').fill('ftp://example.org/hook');
    await page.getByTestId('webhook-create').click();
    await expect.poll(() => page.getByTestId('field-problem').innerText()).toContain('url');
    await form.locator('input[name=url]').fill(rx.url);
    await form.locator('input[name=description]').fill('值班系统');
    await page.getByTestId('webhook-create').click();
    await expect.poll(() => page.getByTestId('webhooks').innerText()).toContain(rx.url);
    expect(await page.getByTestId('webhooks').innerText()).toContain('alert.*');
    await c.shot('console-webhooks-list-zh.png');

    // An alert for this organisation goes out through the outbox: refused once, then delivered.
    await t.platform.db.kysely.transaction().execute((trx) =>
      t.platform.alerts.raise(trx, systemContext('test', newId()), {
        severity: 'warning',
        source: 'test',
        type: 'test.delivery',
        title: '单位接口调用异常',
        subjectType: 'organisation',
        subjectId: countyId,
        orgId: countyId,
        responsibleRole: 'org_admin',
      }),
    );
    // drain() also runs the demo.fail job retried above; the receiver sees the delivery alone.
    await t.platform.runner.drain();
    t.clock.advance(3_600_000); // past the backoff
    await t.platform.runner.drain();
    expect(rx.statuses).toEqual([500, 200]);

    await page.getByTestId('webhook-deliveries').click();
    await expect.poll(() => page.getByTestId('deliveries').innerText()).toContain('已送达');
    const attempts = await page.getByTestId('delivery-attempts').innerText();
    expect(attempts).toContain('HTTP 500');
    expect(attempts).toContain('HTTP 200');
    expect(await page.getByTestId('deliveries').innerText()).toContain('alert.warning');
    await c.shot('console-webhooks-zh.png');

    await page.getByText('返回接口订阅').click();
    await page.getByTestId('webhook-disable').click();
    await expect.poll(() => page.getByTestId('webhooks').innerText()).toContain('停用');
    await page.getByTestId('webhook-enable').waitFor();
    // The alert raised while this user was logged in reached the bell on the next page change.
    expect(await page.getByTestId('unread-count').innerText({ timeout: 5_000 })).toBe('1');
    await c.logOut();
  }, 60_000);

  it("pages the auditor's long inbox and marks it all read", async () => {
    const { page } = c;
    await c.logIn('auditor');
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('31');
    await page.getByTestId('side-nav').getByText('消息').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(30);
    await page.getByTestId('load-more').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(31);
    expect(await page.getByTestId('load-more').count()).toBe(0);
    expect(await page.getByTestId('inbox-list').innerText()).toContain('例行巡检提示 1\n');
    // One marked read in place (no link followed), then all of them.
    await page.getByTestId('inbox-item').first().getByTestId('inbox-mark-read').click();
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('30');
    expect(page.url()).toBe(`${c.base}/inbox`);
    await page.getByTestId('inbox-read-all').click();
    await expect.poll(() => page.locator('.inbox-item.unread').count()).toBe(0);
    await expect.poll(() => page.getByTestId('unread-count').count()).toBe(0);
    await page.getByTestId('inbox-unread-only').click();
    await expect.poll(() => page.locator('.empty-state').innerText()).toBe('没有未读消息');
  }, 60_000);

  it('lets the auditor read every alert but not handle it', async () => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('告警').click();
    await expect.poll(() => page.getByTestId('alerts').innerText()).toContain('单位接口调用异常');
    expect(await page.getByTestId('alerts').innerText()).toContain('测试告警');
    await page.getByTestId('alerts').getByText('单位接口调用异常').click();
    await expect.poll(() => page.getByTestId('alert-readonly').innerText()).toContain('单位管理员');
    expect(await page.getByTestId('alert-acknowledge').count()).toBe(0);
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
  }, 60_000);
});
