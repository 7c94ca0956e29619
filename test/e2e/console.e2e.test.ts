import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, orgCodeCheckChar } from '../../src/kernel/index.js';
import { contextFor, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, openConsole, type BrowserStorage, type ConsoleSession } from './console-harness.js';

// The console end to end: the built web/dist served by a real, listening platform, driven in Debian's
// Chromium. Several roles log in, the menus differ, the language switches, the overview draws its charts.
// SQLite only: the browser is the point here, the engines are covered elsewhere. The operations pages
// (inbox, alerts, jobs, calendar, webhooks) are in console-ops.e2e.test.ts.

const CONSUMER = 'wang.shuju';

/** A department with a consumer (and an org_admin), created through the services like an administrator. */
async function seedDepartment(t: TestPlatform): Promise<void> {
  const sys = await contextFor(t, 'sysadmin');
  const sec = await contextFor(t, 'secadmin');
  const ids = t.platform.identity;
  const dept = await ids.organisations.create(sys, {
    name: '测试市卫生健康委员会',
    shortName: '市卫健委',
    uscc: makeUscc('1', '1', '330100', `TB000010${orgCodeCheckChar('TB000010')}`),
    regionCode: '330100',
    level: 'municipal',
  });
  const county = await ids.organisations.create(sys, {
    name: '测试县数据资源局',
    uscc: makeUscc('1', '1', '330110', `TB000011${orgCodeCheckChar('TB000011')}`),
    regionCode: '330110',
    level: 'county',
  });
  const consumer = await ids.users.create(sys, {
    orgId: dept.id,
    username: CONSUMER,
    displayName: '王数据',
    password: PASSWORD,
  });
  await ids.users.assignRole(sec, consumer.id, { role: 'consumer' });
  const admin = await ids.users.create(sys, {
    orgId: county.id,
    username: 'li.admin',
    displayName: '李管理',
    password: PASSWORD,
  });
  await ids.users.assignRole(sec, admin.id, { role: 'org_admin' });
}

describe.skipIf(!haveChromium)('console in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let c: ConsoleSession;

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    await seedDepartment(t);
    c = await openConsole(t);
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  it('logs in a sysadmin with TOTP and draws the overview charts', async () => {
    await c.page.goto(`${c.base}/`);
    await expect.poll(() => c.page.locator('h2').first().innerText()).toBe('登录');
    await c.shot('console-login-zh.png');
    await c.logIn('sysadmin');
    expect(c.page.url()).toBe(`${c.base}/overview`);
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '组织机构',
      '用户',
      '接口订阅',
      '任务',
      '告警',
    ]);
    await expect.poll(() => c.page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => c.page.locator('.stat-value').first().innerText()).toBe('3');
    await c.page.waitForTimeout(1200); // let the chart animations finish before the screenshot
    await c.shot('console-overview-zh.png');
  }, 120_000);

  it('shows organisations and users with Chinese labels, renewing an expired token on the way', async () => {
    // A broken access token: the next call gets 401, the console refreshes once and retries.
    // (This runs in the page; the test is compiled without DOM types, hence the local Storage shape.)
    await c.page.evaluate(() => {
      const store = (globalThis as unknown as { sessionStorage: BrowserStorage }).sessionStorage;
      const s = JSON.parse(store.getItem('orderly.session') ?? '{}') as Record<string, unknown>;
      store.setItem('orderly.session', JSON.stringify({ ...s, accessToken: 'expired' }));
    });
    await c.page.getByTestId('side-nav').getByText('组织机构').click();
    await expect
      .poll(() => c.page.getByTestId('organisations').innerText())
      .toContain('测试市卫生健康委员会');
    expect(await c.page.getByTestId('organisations').innerText()).toContain('县级');
    await c.page.getByTestId('side-nav').getByText('用户', { exact: true }).click();
    await expect.poll(() => c.page.getByTestId('users').innerText()).toContain(CONSUMER);
    const users = await c.page.getByTestId('users').innerText();
    expect(users).toContain('数据使用人');
    expect(users).toContain('单位管理员');
    expect(users).toContain('市卫健委');
    await c.shot('console-users-zh.png');
  }, 60_000);

  it('switches to English and keeps the choice across a reload', async () => {
    await c.page.getByTestId('side-nav').getByText('概览').click();
    await c.page.getByTestId('lang-switch').click();
    expect(await c.menu()).toEqual([
      'Overview',
      'Messages',
      'Working calendar',
      'Notarise',
      'Verify a receipt',
      'My account',
      'Catalogue',
      'Organisations',
      'Users',
      'Webhooks',
      'Jobs',
      'Alerts',
    ]);
    await c.page.reload();
    await c.page.getByTestId('side-nav').waitFor();
    expect(await c.menu()).toContain('Overview');
    await expect.poll(() => c.page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(3);
    expect(await c.page.locator('.chart-card h3').allInnerTexts()).toContain('Organisations by level');
    await c.page.waitForTimeout(1200);
    await c.shot('console-overview-en.png');
    await c.page.getByTestId('lang-switch').click();
    expect(await c.menu()).toContain('概览');
    await c.logOut();
  }, 60_000);

  it('shows the server message for a wrong password', async () => {
    await c.page.locator('input[name=username]').fill(CONSUMER);
    await c.page.locator('input[name=password]').fill('wrong-password');
    await c.page.locator('button[type=submit]').click();
    await expect
      .poll(() => c.page.getByTestId('server-message').innerText())
      .toContain('Wrong username or password');
    expect(await c.page.getByRole('alert').innerText()).toContain('身份验证失败');
  }, 30_000);

  it('gives a department consumer a different menu', async () => {
    await c.logIn(CONSUMER);
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '需求清单',
      '共享申请',
      '共享授权',
      '我的数据',
      '数据包',
      '访问记录',
      '数据异议',
      '告警',
    ]);
    await expect.poll(() => c.page.locator('.welcome h2').innerText()).toContain('王数据');
    // The statistics need organisation and user read rights, which a consumer lacks.
    await c.page.locator('.notice-info').waitFor();
    expect(await c.page.locator('.chart canvas').count()).toBe(0);
    // Pages outside the role's menu are not reachable by URL either.
    await c.page.goto(`${c.base}/users`);
    await c.page.getByTestId('side-nav').waitFor();
    await expect.poll(() => c.page.url()).toBe(`${c.base}/overview`);
    await c.page.getByTestId('side-nav').getByText('我的账户').click();
    await expect.poll(() => c.page.getByTestId('account-profile').innerText()).toContain(CONSUMER);
    expect(await c.page.getByTestId('account-profile').innerText()).toContain('数据使用人');
    await c.shot('console-account-consumer-zh.png');
    await c.logOut();
  }, 60_000);

  it('gives the secadmin users and platform keys, and an org_admin their own staff', async () => {
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
    await c.page.getByTestId('side-nav').getByText('平台密钥').click();
    await expect.poll(() => c.page.getByTestId('platform-keys').innerText()).toContain('令牌签名');
    expect(await c.page.getByTestId('platform-keys').innerText()).toContain('当前使用');
    await c.shot('console-platform-keys-zh.png');
    await c.logOut();

    await c.logIn('li.admin');
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '本单位用户',
      '接口订阅',
      '告警',
    ]);
    await c.page.getByTestId('side-nav').getByText('本单位用户').click();
    await expect.poll(() => c.page.getByTestId('users').innerText()).toContain('li.admin');
    expect(await c.page.getByTestId('users').innerText()).not.toContain(CONSUMER);
    await c.logOut();
  }, 60_000);

  it('gives the auditor the audit log', async () => {
    await c.logIn('auditor');
    expect(await c.menu()).toEqual([
      '概览',
      '消息',
      '工作日历',
      '电子存证',
      '存证核验',
      '我的账户',
      '资源目录',
      '访问记录',
      '数据异议',
      '告警',
      '审计日志',
      '证据账本',
      '泄露溯源',
    ]);
    await c.page.getByTestId('side-nav').getByText('审计日志').click();
    // The seeding above (sysadmin creating the departments) is in the trail.
    await expect.poll(() => c.page.getByTestId('audit-events').innerText()).toContain('identity.org.create');
    await c.shot('console-audit-zh.png');
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
  }, 60_000);
});
