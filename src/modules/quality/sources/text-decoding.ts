import fs from 'node:fs';
import iconv from 'iconv-lite';
import { SourceError } from './errors.js';

// Uploaded text files come from Excel and from department systems: UTF-8 (with or without a BOM) or
// GBK/GB18030. A BOM decides; otherwise strict UTF-8 validation of a sample does — GBK text is practically
// never valid UTF-8. GB18030 is a superset of GBK (and of GB2312), so one decoder covers all three. Decoding
// stays strict for the whole file: a bad byte later on is an ENCODING error, never a silent U+FFFD.

/** An encoding the text readers decode. */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** What the caller asked for. */
export type EncodingOption = 'auto' | 'utf-8' | 'gb18030';

/** The decision and how it was made, for the job summary. */
export interface EncodingChoice {
  encoding: TextEncoding;
  /** bytes of byte-order mark to skip at the start of the file */
  bomBytes: number;
  detectedBy: 'bom' | 'sample' | 'ascii' | 'option';
}

/** Bytes of the sample that decides between UTF-8 and GB18030. */
export const SAMPLE_BYTES = 64 * 1024;
// Files whose first rows are codes and numbers carry their first Chinese character late; keep looking (in
// 64 KiB reads, so memory stays flat) until some non-ASCII byte has been seen, up to this many bytes.
const ASCII_SCAN_LIMIT = 16 << 20;

const BOMS: { bytes: number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function bomOf(head: Uint8Array): { encoding: TextEncoding; length: number } | null {
  for (const b of BOMS)
    if (b.bytes.every((x, i) => head[i] === x)) return { encoding: b.encoding, length: b.bytes.length };
  return null;
}

function hasNonAscii(buf: Uint8Array): boolean {
  for (const b of buf) if (b >= 0x80) return true;
  return false;
}

/** Decides the encoding of a text file: BOM, then a strict UTF-8 check of a sample, else GB18030. */
export async function detectEncoding(
  path: string,
  requested: EncodingOption = 'auto',
): Promise<EncodingChoice> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const first = (await fh.read(buf, 0, SAMPLE_BYTES, 0)).bytesRead;
    const bom = bomOf(buf.subarray(0, first));
    if (requested !== 'auto')
      return {
        encoding: requested,
        bomBytes: bom?.encoding === requested ? bom.length : 0,
        detectedBy: 'option',
      };
    if (bom) return { encoding: bom.encoding, bomBytes: bom.length, detectedBy: 'bom' };

    // `stream: true` keeps a multi-byte sequence cut at the end of a read pending instead of failing it.
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let total = 0;
    let seenNonAscii = false;
    let n = first;
    for (;;) {
      if (n === 0) {
        try {
          utf8.decode(); // end of file: a sequence still pending here is truncated, so not UTF-8
        } catch {
          return { encoding: 'gb18030', bomBytes: 0, detectedBy: 'sample' };
        }
        break;
      }
      const chunk = buf.subarray(0, n);
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        return { encoding: 'gb18030', bomBytes: 0, detectedBy: 'sample' };
      }
      seenNonAscii ||= hasNonAscii(chunk);
      total += n;
      if ((seenNonAscii && total >= SAMPLE_BYTES) || total >= ASCII_SCAN_LIMIT) break;
      n = (await fh.read(buf, 0, SAMPLE_BYTES, total)).bytesRead;
    }
    return { encoding: 'utf-8', bomBytes: 0, detectedBy: seenNonAscii ? 'sample' : 'ascii' };
  } finally {
    await fh.close();
  }
}

/** A stateful decoder for consecutive chunks of one file. */
export interface ChunkDecoder {
  /** Decodes the next chunk (a character split across chunks is completed by the next call). */
  write(chunk: Uint8Array): string;
  /** Flushes; throws when the file ends inside a character. */
  end(): string;
}

function invalid(encoding: TextEncoding): SourceError {
  const hint = encoding === 'utf-8' ? "; if the file is GBK/GB18030, choose encoding 'gb18030'" : '';
  return new SourceError('ENCODING', `the file is not valid ${encoding.toUpperCase()}${hint}`);
}

/** A strict streaming decoder: invalid bytes throw SourceError ENCODING (callers add the position). */
export function createDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'gb18030') {
    // iconv-lite substitutes U+FFFD for invalid bytes; GB18030 maps every code point (U+FFFD included) to
    // other bytes, so a U+FFFD in the output is, in practice, a decoding failure.
    const d = iconv.getDecoder('gb18030');
    const check = (s: string | undefined): string => {
      if (s?.includes('\uFFFD')) throw invalid(encoding);
      return s ?? '';
    };
    return {
      write: (c) => check(d.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength))),
      end: () => check(d.end()),
    };
  }
  const d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const run = (c?: Uint8Array): string => {
    try {
      return c ? d.decode(c, { stream: true }) : d.decode();
    } catch {
      throw invalid(encoding);
    }
  };
  return { write: (c) => run(c), end: () => run() };
}

/** Adds where a decoding failure happened (a byte range and the data rows completed before it). */
export function locateDecodingError(e: unknown, from: number, to: number, rowsDone: number): unknown {
  if (!(e instanceof SourceError)) return e;
  const rowNo = Math.max(rowsDone, 1);
  const where = rowsDone === 0 ? 'in the header or first rows' : `at or after data row ${rowNo}`;
  return new SourceError(e.code, `${e.message} (${where}, between bytes ${from} and ${to})`, { rowNo });
}

/** Reads a text file in 64 KiB chunks and decodes them strictly; `rowsDone` feeds error positions. */
export async function* textChunks(
  path: string,
  encoding: TextEncoding,
  start: number,
  rowsDone: () => number,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  const stream = fs.createReadStream(path, { start, highWaterMark: 64 * 1024 });
  const decoder = createDecoder(encoding);
  let offset = start;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      let text: string;
      try {
        text = decoder.write(chunk);
      } catch (e) {
        throw locateDecodingError(e, offset, offset + chunk.length, rowsDone());
      }
      offset += chunk.length;
      yield text;
    }
    let tail: string;
    try {
      tail = decoder.end();
    } catch (e) {
      throw locateDecodingError(e, offset, offset, rowsDone());
    }
    if (tail) yield tail;
  } finally {
    stream.destroy();
  }
}
