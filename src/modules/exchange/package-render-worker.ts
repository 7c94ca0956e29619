import { parentPort, workerData } from 'node:worker_threads';
import { getProfile } from '../../kernel/index.js';
import { cellKeysFrom, type CellKeys } from '../datastore/index.js';
import type { TableFormat } from './package-lines.js';
import { renderHere, type RenderReply, type RenderRequest, type RenderWorkerData } from './package-render.js';
import { GrantMaskers, type RowMasker } from './row-masker.js';

// The render worker of table packages (package-render.ts): compiles a build's masks and watermark from the spec
// it is sent, then turns each page into its lines, opening the page's sealed cells first when the build's thread
// left them sealed. It holds no connection and no state beyond the builds in progress; their keys and secrets go
// when the build ends.

type Build = { keys: CellKeys; mask: RowMasker; fields: string[]; format: TableFormat } | { error: string };

/** The worker's loop; started by `startModuleWorker` from package-render.ts. */
export function runPackageRenderWorker(): void {
  const port = parentPort!;
  const builds = new Map<number, Build>();
  const { finished } = (workerData as { data: RenderWorkerData }).data;
  port.on('message', (m: RenderRequest) => {
    if (m.t === 'end') {
      builds.delete(m.build);
      return;
    }
    if (m.t === 'build') {
      try {
        const profile = getProfile(m.spec.profile);
        const maskers = new GrantMaskers({
          hmac: (k, d) => profile.hmac(k, d),
          cmac: (k) => profile.cmac(k),
          pseudonymSecret: m.spec.pseudonymSecret,
          digestSecret: m.spec.digestSecret,
          watermarkSecret: m.spec.watermarkSecret,
        });
        const mask = maskers.masker(m.spec.grant, m.spec.fields, new Date(m.spec.now));
        const keys = cellKeysFrom(m.spec.cells);
        builds.set(m.build, { keys, mask, fields: m.spec.fields, format: m.spec.format });
      } catch (e) {
        // Its pages answer with the reason.
        builds.set(m.build, { error: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    let reply: RenderReply;
    try {
      const b = builds.get(m.build);
      if (!b) throw new Error(`unknown build ${m.build}`);
      if ('error' in b) throw new Error(b.error);
      reply = { seq: m.seq, bytes: renderHere(b.keys, b.mask, b.fields, b.format, m.page) };
    } catch (e) {
      reply = { seq: m.seq, error: e instanceof Error ? e.message : String(e) };
    }
    // Counted before the reply: the build's thread reads the count without waiting for replies.
    Atomics.add(finished, 0, 1);
    // Handed over, not copied: the page's bytes are the only thing in their buffer.
    port.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []);
  });
  port.postMessage({ ready: true } satisfies RenderReply);
}
