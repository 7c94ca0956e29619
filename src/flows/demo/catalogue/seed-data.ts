import fs from 'node:fs';
import path from 'node:path';
import { anonymousContext, newId, type RequestContext } from '../../../kernel/index.js';
import type { Platform } from '../../../server/platform.js';
import { DEMO_PASSWORD } from '../demo-city.data.js';
import { DATASETS, generateDemoDatasets } from '../datasets/index.js';

// The demo city's stewards load a small sample of the synthetic datasets (with their deliberate errors) into
// four published resources, the way they would load real data: upload, job, validation, quarantine. The
// console then shows rows, rejected rows with masked values, and quality scores from the first start.

const LOADS: { dataset: keyof typeof DATASETS; resource: string; steward: string }[] = [
  { dataset: 'persons', resource: '人口基本信息', steward: 'gaj.steward' },
  { dataset: 'enterprises', resource: '企业登记信息', steward: 'scjg.steward' },
  { dataset: 'social-insurance', resource: '社保参保缴费信息', steward: 'rsj.steward' },
  { dataset: 'property', resource: '不动产登记信息', steward: 'zrzy.steward' },
];

async function sessionOf(p: Platform, username: string): Promise<RequestContext> {
  const t = await p.identity.auth.login(anonymousContext(newId(), '127.0.0.1'), {
    username,
    password: DEMO_PASSWORD,
  });
  return {
    requestId: newId(),
    ip: '127.0.0.1',
    actor: await p.identity.authenticate(t.accessToken, '127.0.0.1'),
  };
}

/** Generates a small sample and loads it; returns the finished jobs' counts by resource name. */
export async function seedDemoData(
  p: Platform,
  ids: ReadonlyMap<string, string>,
  opts: { persons?: number; enterprises?: number } = {},
): Promise<Record<string, { read: number; accepted: number; rejected: number }>> {
  const dir = path.join(p.config.dataDir, 'demo-datasets');
  await generateDemoDatasets({
    outDir: dir,
    persons: opts.persons ?? 2000,
    enterprises: opts.enterprises ?? 300,
  });
  const out: Record<string, { read: number; accepted: number; rejected: number }> = {};
  for (const load of LOADS) {
    const id = ids.get(load.resource);
    if (!id) continue;
    const ctx = await sessionOf(p, load.steward);
    const file = path.join(dir, DATASETS[load.dataset].file);
    const upload = await p.quality.ingest.upload(ctx, id, fs.createReadStream(file), {
      name: DATASETS[load.dataset].file,
    });
    const job = await p.quality.ingest.createJob(ctx, id, { uploadId: upload.id, mode: 'replace' });
    await p.quality.runner.run(job.id);
    const done = await p.quality.ingest.get(ctx, job.id);
    out[load.resource] = {
      read: done.counts.read,
      accepted: done.counts.accepted,
      rejected: done.counts.rejected,
    };
    await p.quality.scores.compute(id);
  }
  return out;
}
