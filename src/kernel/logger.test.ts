import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('redacts secrets wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'hunter2-Secret',
        body: { refreshToken: 'rt-123456', totpCode: '123456' },
        req: { headers: { authorization: 'Bearer abc.def' } },
      },
      'login',
    );
    const out = lines.join('');
    for (const s of ['hunter2-Secret', 'rt-123456', '123456', 'abc.def']) expect(out).not.toContain(s);
    expect(out).toContain('[redacted]');
  });
});

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.cryptoProfile).toBe('intl');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });
  it('refuses bad values with a clear message', () => {
    expect(() => loadConfig({ ORDERLY_CRYPTO_PROFILE: 'gm' })).toThrow(/ORDERLY_CRYPTO_PROFILE/);
    expect(() => loadConfig({ ORDERLY_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ ORDERLY_PORT: 'eighty' })).toThrow(/ORDERLY_PORT/);
  });
});
