import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, publicInfo } from '../../src/kernel/index.js';
import { verifierKey, witnessOnce } from '../../src/modules/evidence/index.js';
import { serve } from '../evidence/ledger-helpers.js';
import { runCli, type CliRun } from '../support/cli.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// The offline tools a court or a witness runs: `orderly verify` needs only the receipt, the file and public
// keys — no server, no database, no login (it runs with an empty data directory here); `orderly witness
// keygen` makes a key outside the platform. One engine is enough: nothing here touches the database.

function run(args: string[], dataDir: string): Promise<CliRun> {
  return runCli(args, { ORDERLY_DATA_DIR: dataDir, ORDERLY_DATABASE_URL: '' });
}

describe('offline evidence tools (CLI)', () => {
  let t: TestPlatform;
  let w: World;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-cli-evidence-'));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-offline-'));
  let logKey: string;
  let witnessKey: string;
  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('keygen makes a witness key outside the platform and prints its verifier key', async () => {
    const r = await run(
      ['witness', 'keygen', '--name', 'court.example/witness', '--out', path.join(dir, 'w.json')],
      empty,
    );
    expect(r.code).toBe(0);
    // 0x04 (cosignature/v1) then the key: base64 starts with B and a character of A–P.
    expect(r.stdout.trim()).toMatch(/^court\.example\/witness\+[0-9a-f]{8}\+B[A-P]/);
    expect(fs.statSync(path.join(dir, 'w.json')).mode & 0o077).toBe(0);
  });

  it('verify checks a receipt offline and rejects a modified file or a missing quorum', async () => {
    const key = generateKeyPair('Ed25519');
    witnessKey = verifierKey('audit-office.example/witness', 'cosignature/v1', publicInfo(key));
    await send(t, 'POST', '/api/v1/ledger/witnesses', {
      token: w.tokens.secadmin,
      payload: { verifierKey: witnessKey },
    });
    const file = Buffer.from('入学资格审核结果 2026', 'utf8');
    fs.writeFileSync(path.join(dir, 'doc.txt'), file);
    fs.writeFileSync(path.join(dir, 'doc-modified.txt'), Buffer.concat([file, Buffer.from('!')]));
    const digest = createHash('sha256').update(file).digest('hex');
    const created = (
      await send(t, 'POST', '/api/v1/evidence/notarisations', {
        token: w.tokens.consumer,
        payload: { digestAlg: 'sha256', digest },
      })
    ).json();
    const url = await serve(t);
    logKey = (await send(t, 'GET', '/api/v1/ledger/keys')).json().keys[0].verifierKey;
    expect(
      (await witnessOnce({ url, name: 'audit-office.example/witness', key, logKeys: [logKey] }, null)).status,
    ).toBe('cosigned');
    const receipt = (
      await send(t, 'GET', `/api/v1/evidence/notarisations/${created.id}`, { token: w.tokens.consumer })
    ).json();
    expect(receipt.final).toBe(true);
    fs.writeFileSync(path.join(dir, 'receipt.json'), JSON.stringify(receipt));
    await t.app.close(); // from here on there is no server at all

    const args = (f: string, quorum = '1') => [
      'verify',
      path.join(dir, 'receipt.json'),
      '--key',
      logKey,
      '--witness-key',
      witnessKey,
      '--quorum',
      quorum,
      '--file',
      path.join(dir, f),
    ];
    const ok = await run(args('doc.txt'), empty);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^VALID$/m);
    const bad = await run(args('doc-modified.txt'), empty);
    expect(bad.code).toBe(6);
    expect(bad.stdout).toMatch(/FAIL file/);
    expect(bad.stdout).toMatch(/^INVALID$/m);
    const wrongKey = await run(
      [
        'verify',
        path.join(dir, 'receipt.json'),
        '--key',
        witnessKey.replace('audit-office', 'x'),
        '--quorum',
        '0',
      ],
      empty,
    );
    expect(wrongKey.code).not.toBe(0);
  });
});
