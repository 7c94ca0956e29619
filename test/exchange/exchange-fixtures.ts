import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { KeyPairInfo, PublicKeyInfo } from '../../src/kernel/index.js';
import { send } from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';
import { buildSharingWorld, loadRows, type SharingWorld } from '../sharing/sharing-fixtures.js';

// The exchange suites' world: the sharing world, six persons in 人口基本信息, and an API client of the
// consumer (民政局) whose secret the tests keep, so they can fetch tokens as the clock moves.

/** Six persons; four with gender 1. */
export const PEOPLE = [
  { id_number: '330106198001010011', name: '张三丰', gender: '1', birth_date: '1980-01-01' },
  { id_number: '330106198502020022', name: '李四', gender: '2', birth_date: '1985-02-02' },
  { id_number: '330106199003030033', name: '王五', gender: '1', birth_date: '1990-03-03' },
  { id_number: '330106199504040044', name: '赵六', gender: '1', birth_date: '1995-04-04' },
  { id_number: '330106200005050055', name: '钱七', gender: '2', birth_date: '2000-05-05' },
  { id_number: '330106200506060066', name: '孙八', gender: '1', birth_date: '2005-06-06' },
];

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The world plus a client of org B with a way to get a fresh token. */
export interface ExchangeWorld extends SharingWorld {
  clientId: string;
  clientToken(): Promise<string>;
}

/** Builds the exchange world. */
export async function buildExchangeWorld(t: TestPlatform): Promise<ExchangeWorld> {
  const w = await buildSharingWorld(t);
  await loadRows(t, w.resources.population, PEOPLE);
  const c = await send(t, 'POST', '/api/v1/clients', {
    token: w.tokens.sysadmin,
    payload: { orgId: w.orgB, name: '低保核对系统', authMethod: 'client_secret', scopes: ['exchange:read'] },
  });
  const { id, clientSecret } = c.json<{ id: string; clientSecret: string }>();
  const clientToken = async () => {
    const tok = await send(t, 'POST', '/api/v1/auth/token', {
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: id,
        client_secret: clientSecret,
      }).toString(),
      headers: FORM,
    });
    if (tok.statusCode !== 200) throw new Error(`client token: ${tok.statusCode} ${tok.body}`);
    return tok.json<{ access_token: string }>().access_token;
  };
  return { ...w, clientId: id, clientToken };
}

/**
 * Whether a delivered masked value is the base mask with exactly one more shown character hidden — the mask
 * carrier of the per-recipient watermark (docs/watermarks.md).
 */
export function fitsWatermarked(delivered: string, base: string): boolean {
  const d = [...delivered];
  const b = [...base];
  if (d.length !== b.length) return false;
  const diff = d.flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 1 && d[diff[0]!] === '*';
}

/** A new encryption key pair of an organisation (a rotation by secadmin hands out the private key once). */
export async function rotateOrgKey(t: TestPlatform, w: ExchangeWorld, orgId: string): Promise<KeyPairInfo> {
  const rotated = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys/rotate`, {
    token: w.tokens.secadmin,
    payload: { purpose: 'encryption', profile: t.platform.config.cryptoProfile },
  });
  expect(rotated.statusCode).toBe(201);
  const k = rotated.json<{
    alg: string;
    publicKeyPem: string;
    privateKeyPem: string;
    privateKeyHex: string | null;
  }>();
  return {
    alg: k.alg as KeyPairInfo['alg'],
    publicPem: k.publicKeyPem,
    privatePem: k.privateKeyPem,
    ...(k.privateKeyHex && { privateHex: k.privateKeyHex }),
  };
}

/** The platform's published response keys as a package opener's trust lookup (by key id). */
export async function platformResponseKeys(
  t: TestPlatform,
): Promise<(kid: string) => PublicKeyInfo | undefined> {
  const keys = (await send(t, 'GET', '/api/v1/platform/keys')).json<
    { purpose: string; id: string; alg: string; publicKeyPem: string }[]
  >();
  return (kid) => {
    const p = keys.find((x) => x.purpose === 'response' && x.id === kid);
    return p && { alg: p.alg as PublicKeyInfo['alg'], publicPem: p.publicKeyPem };
  };
}

/**
 * The arguments of `orderly package open <pkg> --key … --platform-keys … --out <out>`, with the organisation's
 * private key and the platform's published keys written to files in `dir` (names prefixed, so suites sharing a
 * data dir do not collide); `file` writes any other file there.
 */
export function packageOpenCli(t: TestPlatform, dir: string, orgKey: KeyPairInfo, prefix: string) {
  const file = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };
  const args = async (pkg: string, out: string) => [
    'package',
    'open',
    pkg,
    '--key',
    file(`${prefix}org.key`, orgKey.privatePem),
    '--platform-keys',
    file(`${prefix}keys.json`, (await send(t, 'GET', '/api/v1/platform/keys')).body),
    '--out',
    out,
  ];
  return { file, args };
}
