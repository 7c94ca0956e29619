import { parentPort } from 'node:worker_threads';
import { getProfile } from '../../kernel/index.js';
import { renderPage } from './package-lines.js';
import { unpackPage, type RenderReply, type RenderRequest } from './package-render.js';
import { GrantMaskers, type RowMasker } from './row-masker.js';

// The render worker of table packages (package-render.ts): compiles a build's masks and watermark from the spec
// it is sent, then turns each page of decoded rows into its lines. It holds no connection and no state beyond
// the builds in progress; their secrets go when the build ends.

type Build = { mask: RowMasker; fields: string[]; format: 'csv' | 'ndjson' } | { error: string };

/** The worker's loop; started by `startModuleWorker` from package-render.ts. */
export function runPackageRenderWorker(): void {
  const port = parentPort!;
  const builds = new Map<number, Build>();
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
          pseudonymSecret: m.spec.pseudonymSecret,
          digestSecret: m.spec.digestSecret,
          watermarkSecret: m.spec.watermarkSecret,
        });
        const mask = maskers.masker(m.spec.grant, m.spec.fields, new Date(m.spec.now));
        builds.set(m.build, { mask, fields: m.spec.fields, format: m.spec.format });
      } catch (e) {
        // Its pages answer with the reason.
        builds.set(m.build, { error: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    let bytes: Uint8Array;
    try {
      const b = builds.get(m.build);
      if (!b) throw new Error(`unknown build ${m.build}`);
      if ('error' in b) throw new Error(b.error);
      bytes = renderPage(b.mask, b.fields, b.format, unpackPage(m.page));
    } catch (e) {
      port.postMessage({
        seq: m.seq,
        error: e instanceof Error ? e.message : String(e),
      } satisfies RenderReply);
      return;
    }
    // Handed over, not copied: the page's bytes are the only thing in their buffer.
    port.postMessage({ seq: m.seq, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]);
  });
  port.postMessage({ ready: true } satisfies RenderReply);
}
