import type { RequestContext } from '../../../kernel/index.js';
import type { Platform } from '../../../server/platform.js';
import { sessionOf } from '../sessions.js';
import { DEMO_RESOURCES } from './demo-catalogue.data.js';

// The demo catalogue goes in the way a city's would: each department's steward registers its resources and
// the bureau's reviewer approves them, so every resource has its drafts, reviews and evidence like real ones.

/** Registers, submits and publishes the demo resources; returns how many of each state and the ids by name. */
export async function seedDemoCatalogue(
  p: Platform,
): Promise<{ counts: Record<string, number>; ids: Map<string, string> }> {
  const ids = new Map<string, string>();
  const reviewer = await sessionOf(p, 'dsj.reviewer');
  const stewards = new Map<string, RequestContext>();
  const counts: Record<string, number> = { published: 0, submitted: 0, draft: 0 };
  for (const r of DEMO_RESOURCES) {
    let steward = stewards.get(r.dept);
    if (!steward) {
      steward = await sessionOf(p, `${r.dept}.steward`);
      stewards.set(r.dept, steward);
    }
    const created = await p.catalogue.resources.create(steward, r.body);
    ids.set(created.name, created.id);
    if (r.state !== 'draft') await p.catalogue.resources.submit(steward, created.id);
    if (r.state === 'published')
      await p.catalogue.resources.review(reviewer, created.id, {
        decision: 'approve',
        comment: '目录要素齐全，同意发布。',
      });
    counts[r.state] = (counts[r.state] ?? 0) + 1;
  }
  return { counts, ids };
}
