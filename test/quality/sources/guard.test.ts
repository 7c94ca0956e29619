import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  classifyAddress,
  parseCidr,
  parseIp,
  type HostLookup,
} from '../../../src/kernel/index.js';
import { createConnectionGuard, SourceRefused } from '../../../src/modules/quality/sources/index.js';
import { rejection } from './helpers.js';

describe('address classification', () => {
  const table: [string, string][] = [
    ['8.8.8.8', 'public'],
    ['114.114.114.114', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2400:3200::1', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['2002:c0a8:101::1', 'private'],
    ['[::1]', 'loopback'],
  ];
  it.each(table)('%s is %s', (addr, kind) => {
    expect(classifyAddress(addr)).toBe(kind);
  });

  it('rejects what is not an address', () => {
    expect(parseIp('localhost')).toBeNull();
    expect(parseIp('127.1')).toBeNull();
    expect(parseIp('010.0.0.1')).toBeNull();
    expect(() => classifyAddress('example.org')).toThrow(RangeError);
  });

  it('classifies every IPv4-mapped IPv6 address like its IPv4 address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(classifyAddress(`::ffff:${v4}`)).toBe(classifyAddress(v4));
      }),
    );
  });
});

describe('CIDR matching', () => {
  const contains = (cidr: string, addr: string): boolean => cidrContains(parseCidr(cidr)!, parseIp(addr)!);

  it('matches IPv4 and IPv6 networks at any prefix length', () => {
    expect(contains('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(contains('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(contains('192.168.4.0/22', '192.168.7.255')).toBe(true);
    expect(contains('192.168.4.0/22', '192.168.8.0')).toBe(false);
    expect(contains('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(contains('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(contains('fd00::/8', 'fd12::1')).toBe(true);
    expect(contains('fd00::/8', 'fc12::1')).toBe(false);
    expect(contains('0.0.0.0/0', '203.0.113.9')).toBe(true);
  });

  it('matches IPv4-mapped addresses against IPv4 networks and vice versa', () => {
    expect(contains('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
    expect(contains('::ffff:10.0.0.0/104', '10.1.1.1')).toBe(true);
    expect(contains('10.0.0.0/8', '::1')).toBe(false);
  });

  it('rejects malformed networks', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0.0/x', '10.0.0/8', 'fd00::/129', 'a/b/c'])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it('matches exactly the addresses inside the prefix (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (net, addr, prefix) => {
        const toInt = (s: string): number => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
        const expected =
          Math.floor(toInt(net) / 2 ** (32 - prefix)) === Math.floor(toInt(addr) / 2 ** (32 - prefix));
        expect(contains(`${net}/${prefix}`, addr)).toBe(expected);
      }),
    );
  });
});

const fakeDns =
  (table: Record<string, string[]>): HostLookup =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };

const dns = fakeDns({
  'api.example.gov.cn': ['203.0.114.10'],
  'intranet.example': ['10.20.0.5'],
  'db.dept.example': ['10.30.0.7'],
  'mixed.example': ['203.0.114.11', '192.168.0.2'],
  'rebind.example': ['::ffff:127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'platform-db.internal': ['10.0.0.9'],
  'alias-of-platform.internal': ['10.0.0.9'],
  'xn--vxup8b.xn--fiqs8s': ['10.40.0.1'], // 数据.中国
});

describe('connection guard: URLs', () => {
  it('allows public hosts and refuses private, loopback and mapped forms without an allow-list', async () => {
    const g = createConnectionGuard({ allowList: [], lookup: dns });
    expect((await g.checkUrl('https://api.example.gov.cn/v1/items')).addresses).toEqual([
      { address: '203.0.114.10', family: 4 },
    ]);
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://0.0.0.0/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://intranet.example/',
      'http://mixed.example/',
      'http://rebind.example/',
      'http://2130706433/', // WHATWG URL reads this as 127.0.0.1
      'http://0x7f.1/',
    ]) {
      const e = await rejection(g.checkUrl(url));
      expect(e, url).toBeInstanceOf(SourceRefused);
      expect(e.code).toBe('REFUSED');
      expect(e.message, url).toMatch(/allowed only when the source allow-list names them/);
    }
  });

  it('allows non-public addresses named by host, wildcard host, address or CIDR', async () => {
    const g = createConnectionGuard({
      allowList: ['intranet.example', '*.dept.example', '127.0.0.1', '192.168.0.0/16'],
      lookup: dns,
    });
    await g.checkUrl('http://intranet.example/');
    await g.checkUrl('http://db.dept.example/');
    await g.checkUrl('http://127.0.0.1:9/');
    await g.checkUrl('http://[::ffff:127.0.0.1]/');
    await g.checkUrl('http://mixed.example/');
    expect((await rejection(g.checkUrl('http://127.0.0.2/'))).code).toBe('REFUSED');
    expect((await rejection(g.checkUrl('http://localhost/'))).message).toMatch(/::1 is a loopback address/);
  });

  it('compares internationalised host names in their punycode form', async () => {
    const g = createConnectionGuard({ allowList: ['数据.中国'], lookup: dns });
    await g.checkUrl('http://数据.中国/api');
    await g.checkPg({ host: '数据.中国', port: 5432, database: 'x' });
    const strict = createConnectionGuard({ allowList: [], lookup: dns });
    expect((await rejection(strict.checkUrl('http://数据.中国/api'))).message).toMatch(
      /10\.40\.0\.1 is a private address/,
    );
  });

  it('refuses other schemes and credentials in the URL, and reports unknown hosts as REMOTE', async () => {
    const g = createConnectionGuard({ allowList: [], lookup: dns });
    expect((await rejection(g.checkUrl('ftp://api.example.gov.cn/'))).message).toMatch(/only http and https/);
    expect((await rejection(g.checkUrl('file:///etc/passwd'))).code).toBe('REFUSED');
    expect((await rejection(g.checkUrl('https://u:p@api.example.gov.cn/'))).message).toMatch(/credentials/);
    expect((await rejection(g.checkUrl('not a url'))).code).toBe('REFUSED');
    expect(await rejection(g.checkUrl('https://nowhere.example/'))).toMatchObject({ code: 'REMOTE' });
  });

  it('refuses a malformed allow-list entry when it is built', () => {
    expect(() => createConnectionGuard({ allowList: ['10.0.0.0/40'] })).toThrow(RangeError);
    expect(() => createConnectionGuard({ allowList: ['http://x/'] })).toThrow(RangeError);
  });
});

describe('connection guard: PostgreSQL', () => {
  const platformDb = { host: 'platform-db.internal', port: 5432, database: 'orderly' };

  it("always refuses the platform's own database, even allow-listed and under another name", async () => {
    const g = createConnectionGuard({ platformDb, allowList: ['10.0.0.0/8'], lookup: dns });
    for (const host of [
      'platform-db.internal',
      'alias-of-platform.internal',
      '10.0.0.9',
      '::ffff:10.0.0.9',
    ]) {
      const e = await rejection(g.checkPg({ host, port: 5432, database: 'orderly' }));
      expect(e, host).toBeInstanceOf(SourceRefused);
      expect(e.message).toMatch(/platform's own database/);
    }
    expect((await rejection(g.checkPg({ host: '10.0.0.9', port: 5432, database: 'ORDERLY' }))).code).toBe(
      'REFUSED',
    );
    // another database or port on the same server is a different source
    expect(await g.checkPg({ host: '10.0.0.9', port: 5432, database: 'dept_data' })).toEqual({
      address: '10.0.0.9',
      family: 4,
    });
    await g.checkPg({ host: '10.0.0.9', port: 6432, database: 'orderly' });
  });

  it('treats every name of this machine as the same server', async () => {
    const g = createConnectionGuard({
      platformDb: { host: 'localhost', port: 5432, database: 'orderly' },
      allowList: ['0.0.0.0/0', '::/0'],
      lookup: dns,
      localAddresses: () => ['127.0.0.1', '::1', '10.9.9.9'],
    });
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', '0.0.0.0', '10.9.9.9', 'localhost'])
      expect((await rejection(g.checkPg({ host, port: 5432, database: 'orderly' }))).code, host).toBe(
        'REFUSED',
      );
    const socket = createConnectionGuard({
      platformDb: { host: '/var/run/postgresql', port: 5432, database: 'orderly' },
      allowList: ['127.0.0.0/8'],
      lookup: dns,
      localAddresses: () => [],
    });
    expect(
      (await rejection(socket.checkPg({ host: '127.0.0.1', port: 5432, database: 'orderly' }))).code,
    ).toBe('REFUSED');
  });

  it('refuses loopback without an allow-list, sockets, bad ports and an empty database name', async () => {
    const g = createConnectionGuard({ platformDb: 'sqlite', allowList: [], lookup: dns });
    expect((await rejection(g.checkPg({ host: '127.0.0.1', port: 5432, database: 'x' }))).message).toMatch(
      /loopback/,
    );
    expect((await rejection(g.checkPg({ host: '/tmp', port: 5432, database: 'x' }))).message).toMatch(
      /Unix-domain/,
    );
    expect(
      (await rejection(g.checkPg({ host: 'api.example.gov.cn', port: 70000, database: 'x' }))).message,
    ).toMatch(/port/);
    expect(
      (await rejection(g.checkPg({ host: 'api.example.gov.cn', port: 5432, database: ' ' }))).message,
    ).toMatch(/database name/);
    expect(await g.checkPg({ host: 'api.example.gov.cn', port: 5432, database: 'x' })).toEqual({
      address: '203.0.114.10',
      family: 4,
    });
  });
});
