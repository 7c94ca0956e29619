import { Transform, type TransformCallback } from 'node:stream';

// The plaintext inside a sealed package (docs/packages.md): a sequence of frames, each `type ‖ u32 BE length ‖
// payload` — 'D' data (the CSV or NDJSON bytes, in order), then exactly one 'M' (the manifest, JCS) and one
// 'S' (a detached JWS over the manifest bytes), and nothing after. The manifest comes last because it holds the
// row count and the data digest, known only once the data is written; the sealed stream around the frames
// authenticates every record and detects truncation, and the reader checks the framing itself, so a package
// whose manifest or signature is missing, doubled or followed by anything is refused.

/** The largest frame payload a writer produces (and a reader accepts for data). */
export const MAX_DATA_FRAME = 64 * 1024;
const MAX_META_FRAME = 1024 * 1024;

export type FrameType = 'D' | 'M' | 'S';

/** One frame's bytes. */
export function frame(type: FrameType, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Splits data into 'D' frames of at most MAX_DATA_FRAME bytes. */
export function* dataFrames(data: Buffer): Generator<Buffer> {
  for (let i = 0; i < data.length; i += MAX_DATA_FRAME)
    yield frame('D', data.subarray(i, Math.min(data.length, i + MAX_DATA_FRAME)));
}

const NO_FRAMES: readonly Buffer[] = Object.freeze([]);

/**
 * Frames text as it comes (the rows of a package): each piece is encoded as UTF-8 straight into the 'D' frame
 * being filled, which is handed out when the next piece might not fit — so frames hold up to MAX_DATA_FRAME
 * bytes and no piece of text is kept as a string. `onData` sees every data byte once, in order (the digest).
 */
export class DataFrameWriter {
  private readonly buf = Buffer.allocUnsafe(5 + MAX_DATA_FRAME);
  private at = 5;

  constructor(private readonly onData: (bytes: Buffer) => void) {}

  /** Appends text; returns the frames it completed (most often none). */
  write(text: string): readonly Buffer[] {
    // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
    const most = 3 * text.length;
    if (this.at + most <= this.buf.length) {
      this.at += this.buf.write(text, this.at, 'utf8');
      return NO_FRAMES;
    }
    const done = this.at > 5 ? [this.take()] : [];
    if (5 + most <= this.buf.length) this.at += this.buf.write(text, this.at, 'utf8');
    else {
      const data = Buffer.from(text, 'utf8');
      this.onData(data);
      done.push(...dataFrames(data));
    }
    return done;
  }

  /** Appends bytes (whole pages of text: frames are filled to the brim, characters may straddle two). */
  writeBytes(data: Uint8Array): Buffer[] {
    const done: Buffer[] = [];
    for (let off = 0; off < data.length;) {
      if (this.at === this.buf.length) done.push(this.take());
      const n = Math.min(this.buf.length - this.at, data.length - off);
      this.buf.set(data.subarray(off, off + n), this.at);
      this.at += n;
      off += n;
    }
    return done;
  }

  /** The last frame, if any text is pending. */
  end(): Buffer | null {
    return this.at > 5 ? this.take() : null;
  }

  private take(): Buffer {
    const length = this.at - 5;
    this.buf.write('D', 0, 'ascii');
    this.buf.writeUInt32BE(length, 1);
    this.onData(this.buf.subarray(5, this.at));
    // A copy: the buffer is filled again while the frame is still on its way.
    const out = Buffer.from(this.buf.subarray(0, this.at));
    this.at = 5;
    return out;
  }
}

/** A framing problem: the package is not what a writer produces. */
export class PackageFormatError extends Error {}

/**
 * Reads frames: pushes the data bytes downstream as they arrive and keeps the manifest and signature. `done()`
 * (after the stream ended) returns them, or throws when the framing is incomplete.
 */
export function createFrameReader(): Transform & { done(): { manifest: Buffer; signature: Buffer } } {
  let buf: Buffer = Buffer.alloc(0);
  let manifest: Buffer | null = null;
  let signature: Buffer | null = null;
  const reader = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      try {
        while (buf.length >= 5) {
          const type = String.fromCharCode(buf[0]!);
          const len = buf.readUInt32BE(1);
          if (type !== 'D' && type !== 'M' && type !== 'S')
            throw new PackageFormatError(`unknown frame ${type}`);
          if (len > (type === 'D' ? MAX_DATA_FRAME : MAX_META_FRAME))
            throw new PackageFormatError(`frame ${type} too long`);
          if (buf.length < 5 + len) break;
          const payload = buf.subarray(5, 5 + len);
          buf = buf.subarray(5 + len);
          if (signature) throw new PackageFormatError('bytes after the signature');
          if (type === 'D') {
            if (manifest) throw new PackageFormatError('data after the manifest');
            this.push(Buffer.from(payload));
          } else if (type === 'M') {
            if (manifest) throw new PackageFormatError('a second manifest');
            manifest = Buffer.from(payload);
          } else {
            if (!manifest) throw new PackageFormatError('a signature before the manifest');
            signature = Buffer.from(payload);
          }
        }
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      cb(buf.length ? new PackageFormatError('a truncated frame') : null);
    },
  }) as Transform & { done(): { manifest: Buffer; signature: Buffer } };
  reader.done = () => {
    if (!manifest || !signature) throw new PackageFormatError('the manifest or its signature is missing');
    return { manifest, signature };
  };
  return reader;
}
