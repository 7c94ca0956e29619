import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataFrameWriter, MAX_DATA_FRAME } from './package-frames.js';

// Data frames from text and from whole pages of bytes: every byte once, in order, in frames of at most
// MAX_DATA_FRAME bytes, and the digest fed exactly the payloads — whichever way the text came in.

function unframe(frames: Buffer[]): Buffer {
  const out: Buffer[] = [];
  for (const f of frames) {
    expect(f.toString('ascii', 0, 1)).toBe('D');
    const len = f.readUInt32BE(1);
    expect(len).toBe(f.length - 5);
    expect(len).toBeGreaterThan(0);
    expect(len).toBeLessThanOrEqual(MAX_DATA_FRAME);
    out.push(f.subarray(5));
  }
  return Buffer.concat(out);
}

describe('DataFrameWriter', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `${i},姓名${'𠀀'.repeat(i % 4)},"x""y"\r\n`);
  const whole = Buffer.from(lines.join(''), 'utf8');

  it.each([
    ['lines as text', (w: DataFrameWriter) => lines.flatMap((l) => [...w.write(l)])],
    [
      'pages as bytes (mixed with a text header)',
      (w: DataFrameWriter) => {
        const out = [...w.write(lines[0]!)];
        for (let i = 1; i < lines.length; i += 700)
          out.push(...w.writeBytes(Buffer.from(lines.slice(i, i + 700).join(''), 'utf8')));
        return out;
      },
    ],
    ['one page larger than several frames', (w: DataFrameWriter) => w.writeBytes(whole)],
  ])('%s: every byte once, in order, digest over the payloads', (_name, feed) => {
    const digest = createHash('sha256');
    const w = new DataFrameWriter((d) => digest.update(d));
    const frames = feed(w);
    const last = w.end();
    if (last) frames.push(last);
    expect(unframe(frames).equals(whole)).toBe(true);
    expect(digest.digest('hex')).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(w.end()).toBeNull();
  });
});
