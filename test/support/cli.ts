import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestPlatform } from './platform.js';

// The `orderly` CLI as a real child process (tsx), for the CLI suites. Each run costs ~2–3 s.

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `orderly <args>` with the given environment added to this process's. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const full: NodeJS.ProcessEnv = { ...process.env, ORDERLY_LOG_LEVEL: 'silent', ...env };
  if (!('ORDERLY_CLI_SESSION' in env)) delete full.ORDERLY_CLI_SESSION;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { env: full, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The environment that points the CLI at a test platform's database and keyring; `session` picks a session file. */
export function platformEnv(t: TestPlatform, session?: string): NodeJS.ProcessEnv {
  return {
    ORDERLY_DATA_DIR: t.testDb.dataDir,
    ORDERLY_CRYPTO_PROFILE: 'intl',
    ORDERLY_DATABASE_URL: t.testDb.url ?? '',
    ...(session && { ORDERLY_CLI_SESSION: path.join(t.testDb.dataDir, `cli-${session}.json`) }),
  };
}
