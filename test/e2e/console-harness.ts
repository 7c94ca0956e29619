import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createLogger } from '../../src/kernel/index.js';
import { totpCode } from '../../src/modules/identity/index.js';
import { buildServer } from '../../src/server/http.js';
import { PASSWORD, type TestPlatform } from '../support/platform.js';

// What the console end-to-end tests share: the built web/dist (rebuilt when web/ changed since the last
// build), a real listening platform serving it, and Debian's Chromium driving it, with helpers to log in
// (TOTP included), read the menu and take screenshots.

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.ORDERLY_CHROMIUM ?? '/usr/bin/chromium';

export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true')
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing`);
  console.warn(`\n*** NOTICE: ${CHROMIUM} is missing: the console end-to-end tests are SKIPPED. ***\n`);
}

/** The part of the browser's Storage a test touches inside the page (tests compile without DOM types). */
export interface BrowserStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(path.join(p, f))), st.mtimeMs);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the console unless web/dist is newer than every source of it. Test files run in parallel, so one
 * builds under a lock directory while the others wait for it.
 */
export function ensureConsoleBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web', 'src')),
    newestMtime(path.join(ROOT, 'web', 'index.html')),
    newestMtime(path.join(ROOT, 'web', 'vite.config.ts')),
  );
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources;
  if (fresh()) return;
  const lock = path.join(
    os.tmpdir(),
    `orderly-web-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  const giveUp = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (fresh()) return;
      if (Date.now() > giveUp)
        fs.rmSync(lock, { recursive: true, force: true }); // a crashed builder
      else sleep(250);
    }
  }
  try {
    if (!fresh())
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'],
        { cwd: ROOT, stdio: 'inherit' },
      );
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** A browser on the console of a running platform. */
export interface ConsoleSession {
  base: string;
  page: Page;
  context: BrowserContext;
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: string[];
  shot(name: string): Promise<void>;
  /** The side menu's labels, in order. */
  menu(): Promise<string[]>;
  logIn(username: string): Promise<void>;
  logOut(): Promise<void>;
  close(): Promise<void>;
}

/** Serves the console of a test platform on 127.0.0.1 and opens Chromium on it. */
export async function openConsole(t: TestPlatform): Promise<ConsoleSession> {
  ensureConsoleBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const app: FastifyInstance = await buildServer(t.platform, {
    logger: createLogger('silent'),
    webDir: WEB_DIST,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no listening address');
  const base = `http://127.0.0.1:${addr.port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 860 },
    // A browser as the platform's users have it: Chinese, Beijing time (dates, native date pickers).
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });

  const session: ConsoleSession = {
    base,
    page,
    context,
    cspViolations,
    shot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
    },
    menu: async () => (await page.getByTestId('side-nav').locator('a').allInnerTexts()).map((s) => s.trim()),
    logIn: async (username) => {
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      const secret = t.totp[username];
      if (secret) {
        // The duties get TOTP_REQUIRED first; a fresh code (next 30 s step) goes with the second submit.
        await page.locator('input[name=totpCode]').waitFor();
        t.clock.advance(30_000);
        await page.locator('input[name=totpCode]').fill(totpCode(secret, t.clock.now()));
        await page.locator('button[type=submit]').click();
      }
      await page.getByTestId('side-nav').waitFor();
    },
    logOut: async () => {
      await page.getByTestId('logout').click();
      await page.locator('input[name=username]').waitFor();
    },
    close: async () => {
      await context.close();
      await app.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * Logs a user in from wherever the session is: logs the current user out first when the console shows its
 * menu, opens the login page when the browser is elsewhere, then logs in (TOTP included) like logIn.
 */
export async function loginAs(c: ConsoleSession, username: string): Promise<void> {
  const { page } = c;
  if (!page.url().startsWith(c.base)) await page.goto(`${c.base}/`);
  const menu = page.getByTestId('side-nav');
  // Whichever the page shows first: the login form or the console's menu.
  await page.locator('input[name=username], [data-testid="side-nav"]').first().waitFor();
  if (await menu.isVisible()) await c.logOut();
  await c.logIn(username);
}
