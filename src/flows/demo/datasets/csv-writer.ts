// Streaming CSV output (RFC 4180, CRLF line ends, UTF-8 without BOM or GBK). Rows are buffered into ~64 KiB chunks
// and written with backpressure, so memory stays flat however many rows a dataset has; the SHA-256 of each file's
// bytes is computed on the way for the manifest.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

/** Encodings the writer can produce. */
export type CsvEncoding = 'utf-8' | 'gbk';

/** One file the writer produced. */
export interface CsvFileInfo {
  name: string;
  encoding: CsvEncoding;
  rows: number;
  bytes: number;
  sha256: string;
}

// RFC 4180 quotes fields with a comma, quote or line break; nothing else needs it.
const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK_CHARS = 64 * 1024;

/** One field, quoted (with doubled quotes) only if RFC 4180 requires it. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF terminator. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

interface Sink {
  name: string;
  encoding: CsvEncoding;
  stream: fs.WriteStream;
  hash: Hash;
  bytes: number;
  error?: Error;
}

/** Writes the same rows to one or more files (e.g. UTF-8 and GBK copies) as they are produced. */
export class CsvWriter {
  private buffer = '';
  private rows = 0;

  private constructor(
    private readonly sinks: Sink[],
    private readonly columns: readonly string[],
  ) {}

  /** Creates the files in `dir` (overwriting) and writes the header row. */
  static async open(
    dir: string,
    files: readonly { name: string; encoding: CsvEncoding }[],
    columns: readonly string[],
  ): Promise<CsvWriter> {
    await fs.promises.mkdir(dir, { recursive: true });
    const sinks = files.map((f): Sink => {
      const sink: Sink = {
        ...f,
        stream: fs.createWriteStream(path.join(dir, f.name)),
        hash: createHash('sha256'),
        bytes: 0,
      };
      // Kept until the next write or close so a disk error fails the generation instead of crashing the process.
      sink.stream.on('error', (e) => (sink.error = e));
      return sink;
    });
    const writer = new CsvWriter(sinks, columns);
    writer.buffer = csvLine(columns);
    return writer;
  }

  /** Appends one data row, given by item code; a missing value is written as an empty field. */
  async write(row: Readonly<Record<string, string>>): Promise<void> {
    this.buffer += csvLine(this.columns.map((c) => row[c] ?? ''));
    this.rows++;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  /** Number of data rows written so far (the next row's 1-based number is this plus one). */
  get rowCount(): number {
    return this.rows;
  }

  /** Flushes, closes every file and returns their sizes and hashes. */
  async close(): Promise<CsvFileInfo[]> {
    await this.flush();
    for (const s of this.sinks) {
      s.stream.end();
      await finished(s.stream);
      if (s.error) throw s.error;
    }
    return this.sinks.map((s) => ({
      name: s.name,
      encoding: s.encoding,
      rows: this.rows,
      bytes: s.bytes,
      sha256: s.hash.digest('hex'),
    }));
  }

  /** Abandons the files after a failure (closes the descriptors; partial files stay on disk). */
  destroy(): void {
    for (const s of this.sinks) s.stream.destroy();
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    for (const s of this.sinks) {
      if (s.error) throw s.error;
      // GBK is stateless per character and chunks end on row boundaries, so encoding chunk by chunk is exact.
      const bytes = s.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
      s.hash.update(bytes);
      s.bytes += bytes.length;
      // once() rejects if the stream emits 'error' while we wait; a later error surfaces on the next flush or close.
      if (!s.stream.write(bytes)) await once(s.stream, 'drain');
    }
  }
}
