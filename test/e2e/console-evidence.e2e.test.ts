import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, makeUscc, orgCodeCheckChar, publicInfo, sm3 } from '../../src/kernel/index.js';
import { verifierKey, witnessOnce } from '../../src/modules/evidence/index.js';
import { contextFor, login, PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { haveChromium, openConsole, type ConsoleSession } from './console-harness.js';

// The evidence pages end to end in Chromium. A department clerk notarises a file that the browser hashes
// itself (only the digest goes out); an independent witness (its own key, registered by the secadmin with
// quorum 1) cosigns the checkpoint, which makes the receipt final. Anyone, without logging in, verifies the
// downloaded receipt in the browser against the same file (有效且已终局), the not-yet-final receipt (有效但未达
// 见证法定数) and a modified file (无效, the file digest check failing). The auditor's ledger explorer shows
// the checkpoint, the witness's last cosignature and an entry's inclusion proof verified in the browser; the
// secadmin sees the ledger read-only. On an SM3 log (profile sm) the browser hashes with its own SM3 and
// reports the log's SM2 signature as not checkable there.

const CLERK = 'zhao.cunzheng';
const WITNESS = 'court.example/witness';
const TITLE = '关于人口数据共享申请的批复';
const CONTENT = '测试市卫生健康委员会\n关于人口数据共享申请的批复：同意按最小必要原则共享。\n2026-03-02\n';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Clicks a download button and saves the file under `target`. */
async function download(page: Page, testId: string, target: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  await dl.saveAs(target);
  return target;
}

/** The verdict of the verify page once a verification has run. */
async function verdict(page: Page): Promise<string | null> {
  await page.getByTestId('verify-verdict').waitFor();
  return page.getByTestId('verify-verdict').getAttribute('data-verdict');
}

/** The check rows of a check list: name → passed. */
async function checkRows(page: Page, testId: string): Promise<Record<string, boolean>> {
  const rows = page.getByTestId(testId).locator('tbody tr');
  const out: Record<string, boolean> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const r = rows.nth(i);
    out[(await r.getAttribute('data-check')) ?? '?'] = (await r.getAttribute('data-ok')) === 'true';
  }
  return out;
}

describe.skipIf(!haveChromium)('console evidence pages in Chromium (sqlite)', () => {
  let t: TestPlatform;
  let c: ConsoleSession;
  let dir: string;
  let file: string;
  let modified: string;
  let deptId: string;
  let origin: string;
  let logKeys: string[];
  const witnessKey = generateKeyPair('Ed25519');
  const receipts: { notFinal?: string; final?: string } = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    const sys = await contextFor(t, 'sysadmin');
    const sec = await contextFor(t, 'secadmin');
    const ids = t.platform.identity;
    const dept = await ids.organisations.create(sys, {
      name: '测试市卫生健康委员会',
      shortName: '市卫健委',
      uscc: makeUscc('1', '1', '330100', `TB000020${orgCodeCheckChar('TB000020')}`),
      regionCode: '330100',
      level: 'municipal',
    });
    deptId = dept.id;
    const clerk = await ids.users.create(sys, {
      orgId: dept.id,
      username: CLERK,
      displayName: '赵存证',
      password: PASSWORD,
    });
    await ids.users.assignRole(sec, clerk.id, { role: 'steward' });

    // The witness's key is generated outside the platform; the secadmin registers it and sets quorum 1.
    const token = await login(t, 'secadmin');
    const auth = { authorization: `Bearer ${token}` };
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ledger/witnesses',
      headers: auth,
      payload: {
        verifierKey: verifierKey(WITNESS, 'cosignature/v1', publicInfo(witnessKey)),
        description: '测试市中级人民法院（独立见证方）',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const quorum = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/ledger/quorum',
      headers: auth,
      payload: { quorum: 1 },
    });
    expect(quorum.statusCode, quorum.body).toBe(200);
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/ledger/keys' })).json();
    origin = keys.origin;
    logKeys = keys.keys.map((k: { verifierKey: string }) => k.verifierKey);

    // The file and a modified copy under the same name.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-evidence-'));
    fs.mkdirSync(path.join(dir, 'original'));
    fs.mkdirSync(path.join(dir, 'modified'));
    file = path.join(dir, 'original', '共享批复.txt');
    modified = path.join(dir, 'modified', '共享批复.txt');
    fs.writeFileSync(file, CONTENT);
    fs.writeFileSync(modified, CONTENT.replace('同意', '不同意'));

    c = await openConsole(t);
    c.page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await c?.close();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets a department user notarise a file hashed in the browser; the witness makes the receipt final', async () => {
    const { page } = c;
    await page.goto(`${c.base}/`);
    await c.logIn(CLERK);
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
    await page.getByTestId('side-nav').getByText('电子存证').click();

    // Everything the page sends to the evidence API, to show the file itself never leaves the browser.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/evidence/') && r.method() !== 'GET') sent.push(r.postData() ?? '');
    });
    await page.getByTestId('notarise-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('notarise-digest').innerText()).toBe(sha256(CONTENT));
    await page.getByTestId('notarise-title').fill(TITLE);
    await page.getByTestId('notarise-submit').click();
    await page.getByTestId('notarise-receipt').waitFor();
    expect(await page.getByTestId('receipt-state').innerText()).toBe('未终局');
    expect(await page.getByTestId('notarise-receipt').innerText()).toContain('尚未获得法定数量见证方的联署');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!)).toEqual({ digestAlg: 'sha256', digest: sha256(CONTENT), title: TITLE });
    receipts.notFinal = await download(page, 'receipt-download', path.join(dir, 'receipt-not-final.json'));

    // The witness checks the log's signature and cosigns the latest checkpoint over HTTP.
    const w = await witnessOnce({ url: c.base, name: WITNESS, key: witnessKey, logKeys }, null);
    expect(w.status).toBe('cosigned');

    await page.getByTestId('receipt-refresh').click();
    await expect.poll(() => page.getByTestId('receipt-state').innerText()).toBe('已终局');
    expect(await page.getByTestId('receipt-cosignatures').innerText()).toBe('1 个');
    expect(await page.getByTestId('notarise-receipt').innerText()).toContain(`— ${WITNESS} `);
    await c.shot('console-notarise-zh.png');
    receipts.final = await download(page, 'receipt-download', path.join(dir, 'receipt-final.json'));
    const r = JSON.parse(fs.readFileSync(receipts.final, 'utf8'));
    expect(r).toMatchObject({ final: true, digest: { alg: 'sha256', value: sha256(CONTENT) } });
    expect(r.leaf).toMatchObject({ action: 'evidence.notarise', org: deptId });
    expect(r.cosignatures).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(receipts.notFinal, 'utf8')).final).toBe(false);

    // "Verify it" hands the receipt to the verify page inside the console; the file is still needed.
    await page.getByTestId('receipt-verify').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/verify`);
    expect(await page.getByTestId('verify-receipt-text').inputValue()).toContain(r.id);
    await page.getByTestId('verify-file').setInputFiles(file);
    await page.getByTestId('verify-submit').click();
    expect(await verdict(page)).toBe('final');
    await c.logOut();
  }, 120_000);

  it('verifies receipts publicly before login: final, below quorum, and a modified file', async () => {
    const { page } = c;
    await page.getByTestId('login-verify').click();
    await expect.poll(() => page.url()).toBe(`${c.base}/verify`);
    expect(await page.getByTestId('side-nav').count()).toBe(0);
    expect(await page.locator('.page-title').innerText()).toBe('存证核验');

    // The receipt fetched before the witness cosigned: authentic, not final.
    await page.getByTestId('verify-receipt-file').setInputFiles(receipts.notFinal!);
    await page.getByTestId('verify-file').setInputFiles(file);
    await page.getByTestId('verify-submit').click();
    expect(await verdict(page)).toBe('valid');
    expect(await page.getByTestId('verify-verdict').innerText()).toContain('有效但未达见证法定数');
    expect(await checkRows(page, 'verify-checks')).toEqual({
      format: true,
      checkpoint: true,
      file: true,
      digest: true,
      'leaf-hash': true,
      inclusion: true,
      'log-signature': true,
      'witness-cosignatures': true,
      quorum: false,
    });

    // The final receipt with the same file: every check passes, in the order orderly verify prints them.
    await page.getByTestId('verify-receipt-file').setInputFiles(receipts.final!);
    await page.getByTestId('verify-submit').click();
    expect(await verdict(page)).toBe('final');
    expect(await page.getByTestId('verify-verdict').innerText()).toContain('有效且已终局');
    const ok = await checkRows(page, 'verify-checks');
    expect(Object.keys(ok)).toEqual([
      'format',
      'checkpoint',
      'file',
      'digest',
      'leaf-hash',
      'inclusion',
      'log-signature',
      'witness-cosignatures',
      'quorum',
    ]);
    expect(Object.values(ok).every(Boolean)).toBe(true);
    const table = await page.getByTestId('verify-checks').innerText();
    expect(table).toContain(`日志 ${origin}`);
    expect(table).toContain('文件的 SHA-256 摘要与回执一致');
    expect(await page.getByTestId('verify-witnesses').innerText()).toContain(WITNESS);
    await c.shot('console-verify-ok-zh.png');

    // A modified file: rejected, and only the file digest check fails.
    await page.getByTestId('verify-file').setInputFiles(modified);
    await page.getByTestId('verify-submit').click();
    expect(await verdict(page)).toBe('invalid');
    expect(await page.getByTestId('verify-verdict').innerText()).toContain('无效');
    const bad = await checkRows(page, 'verify-checks');
    expect(Object.entries(bad).filter(([, passed]) => !passed)).toEqual([['file', false]]);
    expect(await page.locator('[data-check=file]').innerText()).toContain(
      sha256(CONTENT.replace('同意', '不同意')),
    );
    await c.shot('console-verify-bad-zh.png');

    // The verdict in English, then back.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('verify-verdict').innerText()).toContain('Invalid');
    expect(await page.locator('[data-check=file]').innerText()).toContain('File digest');
    await page.getByTestId('lang-switch').click();

    // A deep link opens the public page as well; its login link leads back to the login form.
    await page.goto(`${c.base}/verify`);
    await page.getByTestId('verify-form').waitFor();
    await page.getByTestId('public-login').click();
    await page.locator('input[name=username]').waitFor();
  }, 60_000);

  it("gives the auditor the ledger: checkpoint, the witness's cosignature, entries and a browser-verified proof", async () => {
    const { page } = c;
    const r = JSON.parse(fs.readFileSync(receipts.final!, 'utf8'));
    const size = Number(String(r.checkpoint).split('\n')[1]);
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
    await page.getByTestId('side-nav').getByText('证据账本').click();
    await expect.poll(() => page.getByTestId('ledger-origin').innerText()).toBe(origin);
    expect(await page.getByTestId('ledger-size').innerText()).toBe(String(size));
    expect(await page.getByTestId('ledger-signature').getAttribute('data-status')).toBe('verified');
    const cosigs = await page.getByTestId('ledger-cosignatures').innerText();
    expect(cosigs).toContain('1 / 法定数 1');
    expect(cosigs).toContain('已达法定数');
    const note = await page.getByTestId('ledger-note').innerText();
    expect(note.startsWith(`${origin}\n${size}\n`)).toBe(true);
    expect(note).toContain(`— ${WITNESS} `);
    const witnesses = await page.getByTestId('ledger-witnesses').innerText();
    expect(witnesses).toContain(WITNESS);
    expect(witnesses).toContain('测试市中级人民法院');
    expect(await page.getByTestId('ledger-witnesses').locator('tbody td.num').innerText()).toBe(String(size));
    expect(await page.getByTestId('ledger-quorum').innerText()).toBe('法定见证数：1');

    // Filter by event and organisation: the one notarisation.
    await page.getByTestId('entries-action').fill('evidence.notarise');
    await page.getByTestId('entries-orgId').fill(deptId);
    await page.getByTestId('entries-apply').click();
    const rows = page.getByTestId('ledger-entry-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('evidence.notarise');
    expect(await rows.first().locator('td').first().innerText()).toBe(String(r.leafIndex));

    // Its proof, verified in the browser against the signed checkpoint.
    await rows.first().getByTestId('entry-proof').click();
    await expect.poll(() => page.getByTestId('proof-verdict').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('proof-verdict').innerText()).toContain('已在浏览器中验证');
    expect(await checkRows(page, 'proof-checks')).toEqual({
      'leaf-hash': true,
      inclusion: true,
      root: true,
      'log-signature': true,
    });
    expect(await page.getByTestId('proof-root').innerText()).toBe(String(r.checkpoint).split('\n')[2]);
    expect(await page.getByTestId('proof-path').locator('li').count()).toBe(r.inclusionProof.length);
    expect(await page.getByTestId('proof-leaf').innerText()).toContain(sha256(CONTENT));
    await page.getByTestId('ledger-checkpoint').scrollIntoViewIfNeeded();
    await c.shot('console-ledger-zh.png');

    // A time range before any event: nothing. Then paging by index from the notarisation on.
    await page.getByTestId('entries-to').fill('2026-01-01T00:00');
    await page.getByTestId('entries-apply').click();
    await expect.poll(() => page.getByTestId('ledger-entry-table').innerText()).toContain('暂无数据');
    await page.getByText('重置').click();
    await page.getByTestId('entries-start').fill(String(r.leafIndex));
    await page.getByTestId('entries-apply').click();
    await expect.poll(() => rows.first().locator('td').first().innerText()).toBe(String(r.leafIndex));
    expect(await page.getByTestId('entries-prev').isDisabled()).toBe(true);
    await c.logOut();
  }, 60_000);

  it('shows the secadmin the ledger read-only, with leaf hashes and proofs', async () => {
    const { page } = c;
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
    await page.getByTestId('side-nav').getByText('证据账本').click();
    await page.getByTestId('ledger-entries').getByText('条目内容与筛选仅对安全审计员开放').waitFor();
    expect(await page.getByTestId('entries-action').count()).toBe(0);
    const rows = page.getByTestId('ledger-entry-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await rows.nth(1).getByTestId('entry-proof').click();
    await expect.poll(() => page.getByTestId('proof-verdict').getAttribute('data-ok')).toBe('true');
    expect(await page.locator('[data-check="leaf-hash"]').innerText()).toContain('仅审计员可见');
    expect(await page.getByTestId('proof-leaf').count()).toBe(0);
    await c.logOut();
    expect(c.cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe.skipIf(!haveChromium)(
  'console evidence pages on an SM3 log in Chromium (sqlite, profile sm)',
  () => {
    let t: TestPlatform;
    let c: ConsoleSession;
    let dir: string;
    let file: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      t = await startTestPlatform('sqlite', { profile: 'sm', env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-evidence-sm-'));
      file = path.join(dir, '会议纪要.txt');
      fs.writeFileSync(file, CONTENT);
      c = await openConsole(t);
      c.page.on('pageerror', (e) => pageErrors.push(e.message));
    }, 180_000);

    afterAll(async () => {
      await c?.close();
      await t?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('hashes the file with SM3 in the browser and verifies the SM3 tree, leaving the SM2 signature to orderly verify', async () => {
      const { page } = c;
      await page.goto(`${c.base}/`);
      await c.logIn('sysadmin');
      await page.getByTestId('side-nav').getByText('电子存证').click();
      await page.getByTestId('notarise-alg').selectOption('sm3');
      await page.getByTestId('notarise-file').setInputFiles(file);
      await expect
        .poll(() => page.getByTestId('notarise-digest').innerText())
        .toBe(sm3(Buffer.from(CONTENT)).toString('hex'));
      await page.getByTestId('notarise-submit').click();
      await page.getByTestId('notarise-receipt').waitFor();
      expect(await page.getByTestId('notarise-receipt').innerText()).toContain('/sm3\n');

      await page.getByTestId('receipt-verify').click();
      await page.getByTestId('verify-file').setInputFiles(file);
      await page.getByTestId('verify-submit').click();
      // No witness is registered while the quorum is 1: authentic, not final.
      expect(await verdict(page)).toBe('valid');
      const rows = await checkRows(page, 'verify-checks');
      expect(Object.entries(rows).filter(([, passed]) => !passed)).toEqual([['quorum', false]]);
      expect(await page.locator('[data-check=checkpoint]').innerText()).toContain('SM3 树');
      expect(await page.locator('[data-check=file]').innerText()).toContain('SM3 摘要与回执一致');
      expect(await page.locator('[data-check="log-signature"]').innerText()).toContain(
        '(sm2) 的 SM2 签名未在浏览器中核验',
      );
      expect(await page.locator('[data-check=quorum]').innerText()).toContain('平台只登记了 0 个见证方');
      await c.logOut();
      expect(c.cspViolations).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 90_000);
  },
);
