import { AppError, type AnyTx, type RequestContext } from '../../kernel/index.js';
import { needsBureauReview } from '../catalogue/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import type { ApplicationRow, PartRow } from './applications.tables.js';
import { checkSubmission, isUnconditional, namesOf, type PublishedResource } from './domain/submission.js';
import type { Workflow } from './workflow.js';

// Submission and resubmission (docs/sharing.md "Applications"): every check at once (422 with one violation
// per problem), then the application goes to the bureau's pre-review when any requested item's level asks
// for it, else straight to the providers. A resubmission after a return restarts every paused clock with the
// days it kept and goes back to the stage that returned it.

/** Submits a draft or a returned application inside the caller's transaction. */
export async function submitApplication(
  wf: Workflow,
  tx: AnyTx,
  ctx: RequestContext,
  app: ApplicationRow,
): Promise<void> {
  const all = await repo.parts(tx, [app.id]);
  const pending = all.map((p, index) => ({ p, index })).filter((x) => x.p.status === 'pending');
  const { table } = await wf.deps.catalogue.policy.current(tx);
  const resources = new Map<string, PublishedResource>();
  for (const { p } of pending) {
    const r = await wf.deps.catalogue.browse.published(p.resource_id, tx);
    if (r) resources.set(r.id, { orgId: r.orgId, status: r.status, doc: r.doc });
  }
  const clientIds = JSON.parse(app.client_ids) as string[];
  const documents = JSON.parse(app.documents) as { digest: string; name: string }[];
  const violations = checkSubmission(
    {
      durationDays: app.duration_days,
      clientIds,
      documents,
      parts: pending.map(({ p, index }) => ({
        resourceId: p.resource_id,
        items: JSON.parse(p.items) as string[],
        methods: JSON.parse(p.methods) as string[],
        index,
      })),
    },
    {
      consumerOrgId: app.consumer_org_id,
      maxDurationDays: wf.deps.settings.maxDurationDays,
      table,
      resources,
      clients: await wf.deps.directory.clients(tx, clientIds),
      documents: await repo.documentDigests(
        tx,
        app.consumer_org_id,
        documents.map((d) => d.digest),
      ),
    },
  );
  const resubmission = app.status === 'returned';
  const stages = await repo.stages(tx, [app.id]);
  const prereviewed = stages.some((s) => s.stage === 'prereview');
  // An application the bureau never saw must not gain, by amendment after a provider's return, a part the
  // bureau has to pre-review: that would bypass the pre-review. The consumer applies for it separately.
  if (!violations.length && resubmission && app.returned_from !== 'prereview' && !prereviewed)
    for (const { p, index } of pending) {
      const doc = resources.get(p.resource_id)!.doc;
      if (needsBureauReview(doc, table, namesOf(doc, JSON.parse(p.items) as string[])))
        violations.push({
          field: `parts[${index}].items`,
          code: 'NEEDS_PREREVIEW',
          message: 'these items need the bureau’s pre-review; apply for them in a new application',
        });
    }
  if (violations.length)
    throw new AppError('UNPROCESSABLE', 'The application cannot be submitted.', { violations });

  // The catalogue may have changed since the draft: take the provider and the share type as published now.
  let needsPrereview = false;
  const refreshed: PartRow[] = [];
  for (const { p } of pending) {
    const r = resources.get(p.resource_id)!;
    const codes = JSON.parse(p.items) as string[];
    const unconditional = isUnconditional(r.doc, codes) ? 1 : 0;
    if (needsBureauReview(r.doc, table, namesOf(r.doc, codes))) needsPrereview = true;
    await repo.updatePart(tx, p.id, ['pending'], { provider_org_id: r.orgId, unconditional });
    refreshed.push({ ...p, provider_org_id: r.orgId, unconditional });
  }

  const now = wf.now();
  const at = now.toISOString();
  const target = resubmission ? (app.returned_from === 'prereview' ? 'prereview' : 'review') : null;
  const next = target ?? (needsPrereview ? 'prereview' : 'review');
  const ok = await repo.updateApplication(tx, app.id, [app.status], {
    status: next,
    submitted_at: app.submitted_at ?? at,
    submissions: app.submissions + 1,
    returned_from: null,
    updated_at: at,
  });
  if (!ok) throw wf.stateConflict('Submitting', app.status);
  const current: ApplicationRow = { ...app, status: next };
  await wf.recordStep(tx, ctx, current, {
    action: 'sharing.application.submit',
    orgId: app.consumer_org_id,
    change: { documents: documents.map((d) => d.digest), parts: refreshed.map((p) => p.id) },
    details: {
      parts: refreshed.length,
      documents: documents.map((d) => d.digest).join(',') || null,
      resubmission,
      stage: next,
    },
  });

  if (resubmission) await wf.clocks.resumeAll(tx, ctx, current, now);
  const open = await repo.openStages(tx, app.id);
  if (next === 'prereview') {
    if (!open.some((s) => s.stage === 'prereview')) {
      const operator = await wf.deps.directory.operatorOrgId(tx);
      await wf.clocks.start(
        tx,
        ctx,
        current,
        null,
        'prereview',
        wf.deps.settings.prereviewDays,
        {
          orgId: operator,
          role: 'reviewer',
        },
        now,
      );
    }
    await wf.notify(tx, current, null, 'sharing.prereview.requested', `待预审共享申请：${app.title}`, [
      { role: 'reviewer' },
    ]);
    return;
  }
  for (const p of refreshed) {
    const running = open.find((s) => s.part_id === p.id && s.stage === 'provider');
    if (running) {
      await wf.notify(
        tx,
        current,
        p.id,
        'sharing.part.resubmitted',
        `共享申请已修改后重新提交：${app.title}`,
        [{ role: 'approver', orgId: p.provider_org_id! }],
      );
    } else {
      await wf.enterProviderStage(tx, ctx, current, p, now);
    }
  }
  await wf.finishIfDecided(tx, current);
}
