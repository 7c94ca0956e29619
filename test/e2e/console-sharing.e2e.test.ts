import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationBody,
  buildSharingWorld,
  loadRows,
  type SharingWorld,
} from '../sharing/sharing-fixtures.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, loginAs, openConsole, type ConsoleSession } from './console-harness.js';

// The sharing workflow end to end in Chromium (issue 7 §5). 民政局's consumer applies, in one application,
// for two 有条件 resources of two providers — 公安局's 人口基本信息 and 自然资源和规划局's 不动产登记信息 — picking
// items (a 不予共享 item of a third resource cannot be ticked) and methods; a duration beyond the maximum is
// refused with the problem beside its field. 公安局's approver returns the application for amendment from the
// review queue (its clock pauses); the consumer drops the item the comment names and resubmits. Both approvers
// then approve with fewer items than requested, a stronger mask and a row filter (one with the builder, one
// as JSON); the consumer sees both grants with exactly that scope. 自然资源和规划局's approver suspends and
// resumes its grant with reasons. An application touching a 重要 item goes through the bureau's pre-review;
// its provider, three weeks late (red in its queue), refuses; the consumer disputes; the bureau upholds the
// refusal. The demand list goes round: posted, routed by the bureau, answered.

const CONSUMER = 'w.consumer-b';
const APPROVER_A = 'w.approver';
const APPROVER_C = 'w.approver-c';
const REVIEWER = 'w.reviewer';
const TITLE = '最低生活保障资格审核数据申请';
const RETURN_COMMENT = '性别信息项与低保资格审核无关，请删去后重新提交。';

/** The part editor (wizard) or part card (detail) of a resource. */
const partOf = (page: Page, testId: 'part-editor' | 'part-card', resourceId: string): Locator =>
  page.locator(`[data-testid="${testId}"][data-resource="${resourceId}"]`);

/** An attribute of an element, or the text of the error notice shown instead (so a failure says why). */
const stateOr = async (page: Page, el: Locator, attr: string): Promise<string | null> => {
  const error = page.locator('.notice-error');
  return (await error.count()) ? `error: ${await error.first().innerText()}` : el.getAttribute(attr);
};

/** A requested item's row in a part editor. */
const itemRow = (part: Locator, code: string): Locator =>
  part.locator(`[data-testid="part-item"][data-code="${code}"]`);

/** A requested item's row in a decision form's scope. */
const scopeRow = (part: Locator, code: string): Locator =>
  part.locator(`[data-testid="scope-item"][data-code="${code}"]`);

describe.skipIf(!haveChromium)('console sharing pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let w: SharingWorld;
  let c: ConsoleSession;
  let appId: string;

  beforeAll(async () => {
    t = await startTestPlatform('sqlite');
    w = await buildSharingWorld(t);
    c = await openConsole(t);
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
  });

  /** Opens the application from the approver's review queue. */
  const openFromQueue = async () => {
    const { page } = c;
    await page.getByTestId('side-nav').getByText('审核队列').click();
    const row = page.getByTestId('queue').locator('tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.getByTestId('sla').getAttribute('data-state')).toBe('green');
    await row.getByTestId('queue-open').click();
    await page.getByTestId('application').waitFor();
  };

  it('lets a consumer apply for two conditional resources of two providers', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    const menu = await c.menu();
    for (const entry of ['需求清单', '共享申请', '共享授权']) expect(menu).toContain(entry);
    expect(menu).not.toContain('审核队列');
    await page.getByTestId('side-nav').getByText('共享申请').click();
    await page.getByTestId('applications').waitFor();
    await page.getByTestId('app-new').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/sharing/apply`);

    // Three resources from the catalogue search; the third has a 不予共享 item and is removed again.
    const add = async (query: string, name: string) => {
      await page.getByTestId('picker-search').fill(query);
      await page.getByTestId('picker-search-submit').click();
      const row = page.getByTestId('picker-row').filter({ hasText: name });
      await row.waitFor();
      await row.getByTestId('picker-add').click();
    };
    await add('人口', '人口基本信息');
    await add('不动产', '不动产登记信息');
    await add('治安', '治安管理信息');
    const criminal = partOf(page, 'part-editor', w.resources.criminal);
    await itemRow(criminal, 'I003').waitFor();
    expect(await itemRow(criminal, 'I003').getAttribute('data-share')).toBe('none');
    expect(await itemRow(criminal, 'I003').getByTestId('item-check').isDisabled()).toBe(true);
    expect(await itemRow(criminal, 'I001').getByTestId('item-check').isDisabled()).toBe(false);
    await criminal.getByTestId('part-remove').click();
    await expect.poll(() => page.getByTestId('part-editor').count()).toBe(2);

    // Items (with levels, share types and default masks) and methods per resource.
    const population = partOf(page, 'part-editor', w.resources.population);
    await itemRow(population, 'I001').waitFor();
    expect(
      await itemRow(population, 'I001').locator('[data-testid="level-badge"]').getAttribute('data-level'),
    ).toBe('general3');
    expect(await itemRow(population, 'I001').innerText()).toContain('证件号脱敏');
    for (const code of ['I001', 'I002', 'I003', 'I004'])
      await itemRow(population, code).getByTestId('item-check').check();
    await population.getByTestId('method-api').check();
    const property = partOf(page, 'part-editor', w.resources.property);
    await itemRow(property, 'I001').waitFor();
    for (const code of ['I001', 'I002', 'I003', 'I004'])
      await itemRow(property, code).getByTestId('item-check').check();
    await property.getByTestId('method-api').check();

    await page.getByTestId('app-title').fill(TITLE);
    await page.getByTestId('app-purpose').fill('最低生活保障资格审核');
    await page.getByTestId('app-basis').fill('《社会救助暂行办法》第十一条');
    await page.getByTestId('app-scenario').fill('低保申请家庭户籍、收入和财产核对');
    await page.getByTestId('app-calls').fill('2000');
    // The clients: picked from the organisation's list, or typed when the role may not list them.
    const list = page.getByTestId('client-list');
    const typed = page.getByTestId('client-ids');
    await page.locator('[data-testid="client-list"], [data-testid="client-ids"]').first().waitFor();
    if (await list.isVisible()) await list.locator(`[data-client="${w.clientB}"]`).check();
    else await typed.fill(w.clientB);
    await page.getByTestId('document-file').setInputFiles({
      name: '低保审核工作批复.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% 低保审核工作批复\n', 'utf8'),
    });
    await expect.poll(() => page.getByTestId('document-list').innerText()).toContain('低保审核工作批复.pdf');

    // Longer than the platform allows: refused, with the problem beside the duration.
    await page.getByTestId('app-duration').fill('5000');
    await page.getByTestId('app-submit').click();
    const duration = page.locator('label[data-field="durationDays"]');
    await expect.poll(() => duration.getAttribute('data-invalid')).toBe('true');
    expect(await duration.getByTestId('field-error').innerText()).toContain('1095');
    await c.shot('console-sharing-apply-errors.png');
    await page.getByTestId('app-duration').fill('365');
    await page.getByTestId('app-submit').click();

    await expect.poll(() => page.url()).toMatch(/\/sharing\/applications\/[0-9a-f-]{36}$/);
    appId = page.url().split('/').at(-1) ?? '';
    await expect.poll(() => page.getByTestId('application').getAttribute('data-status')).toBe('review');
    for (const r of [w.resources.population, w.resources.property]) {
      const card = partOf(page, 'part-card', r);
      expect(await card.getAttribute('data-status')).toBe('pending');
      expect(await card.getByTestId('sla').getAttribute('data-state')).toBe('green');
    }
    expect(await page.getByTestId('app-history').innerText()).toContain('提交申请');
    await c.shot('console-sharing-application-submitted.png');
  }, 120_000);

  it('lets the first provider return it for amendment from the review queue', async () => {
    const { page } = c;
    await loginAs(c, APPROVER_A);
    expect(await c.menu()).toContain('审核队列');
    await openFromQueue();
    await c.shot('console-sharing-queue-detail.png');
    // Only its own part carries a decision form.
    const mine = partOf(page, 'part-card', w.resources.population);
    expect(await partOf(page, 'part-card', w.resources.property).getByTestId('decision-form').count()).toBe(
      0,
    );
    await mine.getByTestId('decision-return').click();
    await mine.getByTestId('decision-send').click();
    expect(await mine.getByTestId('decision-hint').innerText()).toBe('请填写意见。');
    await mine.getByTestId('decision-comment').fill(RETURN_COMMENT);
    await mine.getByTestId('decision-send').click();
    await expect.poll(() => stateOr(page, page.getByTestId('application'), 'data-status')).toBe('returned');
    // Every running clock of the application is paused while the consumer amends.
    await expect
      .poll(() =>
        partOf(page, 'part-card', w.resources.property).getByTestId('sla').getAttribute('data-state'),
      )
      .toBe('paused');
    expect(await page.getByTestId('return-comment').innerText()).toContain(RETURN_COMMENT);
    await c.shot('console-sharing-returned.png');
  }, 60_000);

  it('lets the consumer amend the returned application and resubmit it', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    await page.getByTestId('side-nav').getByText('共享申请').click();
    const row = page.getByTestId('applications').locator('tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.getByTestId('app-status').innerText()).toBe('退回修改');
    await c.shot('console-sharing-my-applications.png');
    await row.getByTestId('app-link').click();
    expect(await page.getByTestId('return-comment').innerText()).toContain(RETURN_COMMENT);
    await page.getByTestId('app-amend').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/sharing/applications/${appId}/edit`);
    const population = partOf(page, 'part-editor', w.resources.population);
    await itemRow(population, 'I003').waitFor();
    expect(await page.getByTestId('app-title').inputValue()).toBe(TITLE);
    expect(await itemRow(population, 'I003').getByTestId('item-check').isChecked()).toBe(true);
    await itemRow(population, 'I003').getByTestId('item-check').uncheck();
    await page.getByTestId('app-scenario').fill('低保申请家庭户籍和不动产核对（已删去性别）');
    await page.getByTestId('app-submit').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/sharing/applications/${appId}`);
    await expect.poll(() => page.getByTestId('application').getAttribute('data-status')).toBe('review');
    const card = partOf(page, 'part-card', w.resources.population);
    expect(await card.getByTestId('part-requested').innerText()).not.toContain('I003');
    expect(await card.getByTestId('sla').getAttribute('data-state')).toBe('green');
  }, 60_000);

  it('lets both providers approve with narrowed items, a stronger mask and a row filter', async () => {
    const { page } = c;
    // 公安局: the ID number and birth date only (no name), the ID number hashed, women only (JSON filter).
    await loginAs(c, APPROVER_A);
    await openFromQueue();
    const a = partOf(page, 'part-card', w.resources.population);
    await a.getByTestId('scope-editor').waitFor();
    expect(await a.getByTestId('scope-item').count()).toBe(3);
    await scopeRow(a, 'I002').getByTestId('scope-item-check').uncheck();
    await scopeRow(a, 'I001').getByTestId('scope-mask').selectOption({ label: '密钥哈希' });
    expect(await scopeRow(a, 'I001').getAttribute('data-relation')).toBe('stronger');
    expect(await scopeRow(a, 'I001').getByTestId('mask-relation').innerText()).toBe('强于默认');
    // The policy minimum: a mask weaker than it is not even offered.
    expect(
      await scopeRow(a, 'I001').locator('option', { hasText: '不脱敏' }).getAttribute('disabled'),
    ).not.toBeNull();
    await a.getByTestId('filter-mode-json').click();
    await a.getByTestId('filter-json').fill('{"eq": {"item": "I003", "value": "2"}}');
    await a.getByTestId('scope-rate').fill('600');
    await a.getByTestId('scope-quota').fill('10000');
    await c.shot('console-sharing-decision.png');
    await a.getByTestId('decision-send').click();
    await expect.poll(() => stateOr(page, a, 'data-status')).toBe('approved');
    await a.getByTestId('part-grant').waitFor();

    // 自然资源和规划局: without the building area, names hashed, one district's units (builder).
    await loginAs(c, APPROVER_C);
    await openFromQueue();
    const p = partOf(page, 'part-card', w.resources.property);
    await p.getByTestId('scope-editor').waitFor();
    await scopeRow(p, 'I004').getByTestId('scope-item-check').uncheck();
    await scopeRow(p, 'I002').getByTestId('scope-mask').selectOption({ label: '密钥哈希' });
    await p.getByTestId('filter-add').click();
    const cond = p.getByTestId('filter-row');
    await cond.getByTestId('filter-item').selectOption('I003');
    await cond.getByTestId('filter-op').selectOption('prefix');
    await cond.getByTestId('filter-value').fill('330106');
    expect(await p.getByTestId('filter-preview').innerText()).toBe(
      '{"prefix":{"item":"I003","value":"330106"}}',
    );
    await p.getByTestId('decision-send').click();
    await expect.poll(() => stateOr(page, p, 'data-status')).toBe('approved');
    await expect.poll(() => page.getByTestId('application').getAttribute('data-status')).toBe('decided');
    expect(await page.getByTestId('app-history').innerText()).toContain('同意共享');
    await c.shot('console-sharing-decided.png');
  }, 90_000);

  it('shows the consumer both grants with the scope the providers set', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    await page.getByTestId('side-nav').getByText('共享授权').click();
    const rows = page.getByTestId('grants').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('grants').locator('[data-testid="grant-status"]').allInnerTexts()).toEqual([
      '有效',
      '有效',
    ]);
    await c.shot('console-sharing-grants.png');
    // The same list in English.
    await page.getByTestId('lang-switch').click();
    for (const entry of ['Demands', 'Applications', 'Grants']) expect(await c.menu()).toContain(entry);
    await expect
      .poll(() => page.getByTestId('grants').locator('[data-testid="grant-status"]').allInnerTexts())
      .toEqual(['Active', 'Active']);
    await c.shot('console-sharing-grants-en.png');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => c.menu()).toContain('共享授权');

    const open = async (name: string) => {
      await page.getByTestId('side-nav').getByText('共享授权').click();
      const row = page.getByTestId('grants').locator('tr', { hasText: name });
      await row.waitFor();
      await row.getByTestId('grant-link').click();
      await page.getByTestId('grant').waitFor();
      await page.getByTestId('grant-item').first().waitFor();
    };
    const codes = () =>
      page.getByTestId('grant-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const mask = (code: string) =>
      page.locator(`[data-testid="grant-item"][data-code="${code}"] td[data-mask]`).getAttribute('data-mask');

    await open('人口基本信息');
    expect(await codes()).toEqual(['I001', 'I004']);
    expect(await mask('I001')).toBe('hash');
    expect(JSON.parse(await page.getByTestId('grant-filter').innerText())).toEqual({
      eq: { item: 'I003', value: '2' },
    });
    expect(await page.getByTestId('grant-filter-text').innerText()).toBe('性别 等于 “2”');
    expect(await page.getByTestId('grant').innerText()).toContain('600');
    // No suspend or revoke for the consumer.
    expect(await page.getByTestId('grant-actions').count()).toBe(0);
    // Usage as the exchange records it: the consumer reads its data once (one woman among two people).
    expect(await page.getByTestId('grant-access').innerText()).toContain('暂无数据');
    await loadRows(t, w.resources.population, [
      { id_number: '330106199003070026', name: '王秀英', gender: '2', birth_date: '1990-03-07' },
      { id_number: '330106198805120011', name: '李建国', gender: '1', birth_date: '1988-05-12' },
    ]);
    const grantId = page.url().split('/').at(-1) ?? '';
    const read = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/records`, { token: w.consumerB });
    expect(read.statusCode).toBe(200);
    await page.reload();
    const access = page.getByTestId('grant-access').locator('tbody tr');
    await expect.poll(() => access.first().innerText()).toContain('读取数据');
    expect(await access.count()).toBe(1);
    expect(await access.first().locator('td').last().innerText()).toBe('1');
    await c.shot('console-sharing-grant-population.png');

    await open('不动产登记信息');
    expect(await codes()).toEqual(['I001', 'I002', 'I003']);
    expect(await mask('I002')).toBe('hash');
    expect(JSON.parse(await page.getByTestId('grant-filter').innerText())).toEqual({
      prefix: { item: 'I003', value: '330106' },
    });
    expect(await page.getByTestId('grant-filter-text').innerText()).toBe('不动产单元号 开头为 “330106”');
    await c.shot('console-sharing-grant-property.png');
  }, 60_000);

  it('lets the provider suspend and resume its grant with reasons', async () => {
    const { page } = c;
    await loginAs(c, APPROVER_C);
    await page.getByTestId('side-nav').getByText('共享授权').click();
    const row = page.getByTestId('grants').locator('tr', { hasText: '不动产登记信息' });
    await row.waitFor();
    await row.getByTestId('grant-link').click();
    await page.getByTestId('grant-actions').waitFor();
    await page.getByTestId('grant-suspend').click();
    await page.getByTestId('grant-suspend-reason').fill('接口客户端安全检查，暂停使用');
    await page.getByTestId('grant-suspend-confirm').click();
    await expect.poll(() => stateOr(page, page.getByTestId('grant'), 'data-status')).toBe('suspended');
    expect(await page.getByTestId('grant-reason').innerText()).toContain('安全检查');
    await page.getByTestId('grant-resume').click();
    await page.getByTestId('grant-resume-reason').fill('检查完毕，恢复使用');
    await page.getByTestId('grant-resume-confirm').click();
    await expect.poll(() => stateOr(page, page.getByTestId('grant'), 'data-status')).toBe('active');
    const history = await page.getByTestId('grant-history').innerText();
    for (const word of ['签发授权', '暂停授权', '恢复授权', '检查完毕']) expect(history).toContain(word);
    await c.shot('console-sharing-grant-history.png');
  }, 60_000);

  it('takes a 重要 application through pre-review, refusal, dispute and mediation', async () => {
    const { page } = c;
    const title = '户籍核验申请';
    const created = await send(t, 'POST', '/api/v1/sharing/applications', {
      token: w.consumerB,
      payload: applicationBody(
        w,
        [{ resourceId: w.resources.household, items: ['I001', 'I002'], methods: ['verification'] }],
        { title, submit: true },
      ),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string; status: string }>().id;
    expect(created.json<{ status: string }>().status).toBe('prereview');

    // The bureau passes it on from its queue.
    await loginAs(c, REVIEWER);
    await page.getByTestId('side-nav').getByText('审核队列').click();
    const row = page.getByTestId('queue').locator('tr', { hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toContain('预审');
    await c.shot('console-sharing-queue-bureau.png');
    await row.getByTestId('queue-open').click();
    await page.getByTestId('prereview-form').waitFor();
    await page.getByTestId('prereview-pass').click();
    await page.getByTestId('prereview-send').click();
    await expect.poll(() => stateOr(page, page.getByTestId('application'), 'data-status')).toBe('review');

    // Three weeks later the provider's 10 working days are over: red in its queue.
    t.clock.advance(21 * 86_400_000);
    await loginAs(c, APPROVER_A);
    await page.getByTestId('side-nav').getByText('审核队列').click();
    const late = page.getByTestId('queue').locator('tr', { hasText: title });
    await late.waitFor();
    expect(await late.getByTestId('sla').getAttribute('data-state')).toBe('red');
    expect(await late.getByTestId('sla').innerText()).toBe('已超期');
    await c.shot('console-sharing-queue-overdue.png');

    // The provider refuses: a reason and a basis, both required.
    await late.getByTestId('queue-open').click();
    const part = partOf(page, 'part-card', w.resources.household);
    await part.getByTestId('decision-form').waitFor();
    await part.getByTestId('decision-refuse').click();
    await part.getByTestId('decision-reason').fill('户籍地址属重要数据，仅限公安机关内部使用');
    await part.getByTestId('decision-send').click();
    expect(await part.getByTestId('decision-hint').innerText()).toBe('不予同意须同时填写理由和依据。');
    await part.getByTestId('decision-basis').fill('《户口登记条例》第十七条');
    await part.getByTestId('decision-send').click();
    await expect.poll(() => stateOr(page, part, 'data-status')).toBe('refused');

    // The consumer disputes the refusal.
    await loginAs(c, CONSUMER);
    await page.goto(`${c.base}/sharing/applications/${id}`);
    const mine = partOf(page, 'part-card', w.resources.household);
    expect(await mine.getByTestId('part-decision').innerText()).toContain('《户口登记条例》第十七条');
    await mine.getByTestId('part-dispute').click();
    await mine.getByTestId('part-dispute-reason').fill('低保审核需核对户籍地址，已有批复');
    await mine.getByTestId('part-dispute-confirm').click();
    await expect.poll(() => stateOr(page, mine, 'data-status')).toBe('disputed');

    // The bureau mediates: the refusal stands, and that is final.
    await loginAs(c, REVIEWER);
    await page.getByTestId('side-nav').getByText('审核队列').click();
    const mediation = page.getByTestId('queue').locator('tr', { hasText: '异议协调' });
    await mediation.waitFor();
    await mediation.getByTestId('queue-open').click();
    const disputed = partOf(page, 'part-card', w.resources.household);
    await disputed.getByTestId('mediation-form').waitFor();
    await disputed.getByTestId('decision-uphold').click();
    await disputed
      .getByTestId('decision-comment')
      .fill('经协调，户籍地址可通过核验方式另行申请，维持原决定。');
    await c.shot('console-sharing-mediation.png');
    await disputed.getByTestId('decision-send').click();
    await expect.poll(() => stateOr(page, disputed, 'data-status')).toBe('upheld');
    expect(await page.getByTestId('app-history').innerText()).toContain('协调：维持原决定');
  }, 90_000);

  it('takes a demand from the consumer through the bureau to the provider', async () => {
    const { page } = c;
    await loginAs(c, CONSUMER);
    await page.getByTestId('side-nav').getByText('需求清单').click();
    await page.getByTestId('demand-title').fill('残疾人证核发信息');
    await page.getByTestId('demand-purpose').fill('残疾人生活补贴资格核对');
    await page.getByTestId('demand-submit').click();
    const demand = page.getByTestId('demand').filter({ hasText: '残疾人证核发信息' });
    await demand.waitFor();
    expect(await demand.getAttribute('data-status')).toBe('open');

    await loginAs(c, REVIEWER);
    await page.getByTestId('side-nav').getByText('需求清单').click();
    const routed = page.getByTestId('demand').filter({ hasText: '残疾人证核发信息' });
    await routed.getByTestId('demand-route-org').selectOption({ label: '测试市公安局' });
    await routed.getByTestId('demand-route-send').click();
    await expect.poll(() => routed.getAttribute('data-status')).toBe('routed');

    await loginAs(c, APPROVER_A);
    await page.getByTestId('side-nav').getByText('需求清单').click();
    const mine = page.getByTestId('demand').filter({ hasText: '残疾人证核发信息' });
    await mine.waitFor();
    expect(await mine.getByTestId('sla').getAttribute('data-state')).toBe('green');
    await mine.getByTestId('demand-answer-kind').selectOption('cannot');
    await mine.getByTestId('demand-answer-text').fill('残疾人证由残联核发，本局不掌握该数据');
    await mine.getByTestId('demand-answer-send').click();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('answered');
    expect(await mine.getByTestId('demand-answer').innerText()).toContain('无法提供');
    await mine.getByTestId('demand-history-toggle').click();
    await expect.poll(() => mine.getByTestId('demand-history').innerText()).toContain('答复需求');
    for (const word of ['提出需求', '转交提供部门'])
      expect(await mine.getByTestId('demand-history').innerText()).toContain(word);
    await c.shot('console-sharing-demands.png');
    expect(c.cspViolations).toEqual([]);
  }, 60_000);
});
