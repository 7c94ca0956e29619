import { systemContext, type AnyTx, type RequestContext } from '../../kernel/index.js';
import type { CatalogueListener, VersionPublished } from '../catalogue/index.js';
import { transitionGrant } from './grant-status.js';
import type { GrantScope } from './grant-port.js';
import { grantsRepo as repo } from './grants.repository.js';
import type { GrantRow } from './grants.tables.js';
import type { SharingDeps } from './sharing.deps.js';

// The catalogue tells grants, inside its own transaction, when a resource is withdrawn or a version changes
// items under existing grants. Affected grants are suspended by the platform (not by the steward who acted:
// the steward has no say over grants), with the cause in the evidence and both parties notified. Resuming is
// a person's decision (grants.service.ts checks the grant still fits).

/** Item codes of a version diff that existing grants may no longer rely on. */
export function affectedCodes(e: VersionPublished): Set<string> {
  // The diff names items by name; grants name them by code — which the previous version knows.
  const before = new Map((e.previous?.items ?? []).map((i) => [i.name, i.code]));
  const names = [...e.diff.itemsRemoved, ...e.diff.itemsRetyped, ...e.diff.itemsRestricted];
  // An item whose code changed is gone for a grant that names the old code.
  for (const c of e.diff.itemsChanged) if (c.changes.code) names.push(c.name);
  return new Set(names.flatMap((n) => (before.has(n) ? [before.get(n)!] : [])));
}

async function suspendAll(
  deps: SharingDeps,
  tx: AnyTx,
  cause: RequestContext,
  grants: GrantRow[],
  reason: string,
  details: Record<string, string | number | boolean | null>,
): Promise<void> {
  const ctx = systemContext('system:sharing', cause.requestId);
  for (const g of grants)
    await transitionGrant(deps, tx, ctx, g, {
      to: 'suspended',
      from: ['active'],
      action: 'sharing.grant.suspend',
      reason,
      details: { ...details, causedBy: cause.actor.id },
    });
}

/** The grants' catalogue subscriber. */
export function grantsListener(deps: SharingDeps): CatalogueListener {
  return {
    async resourceWithdrawn(tx, ctx, e) {
      const grants = await repo.byResource(tx, e.resourceId, ['active']);
      await suspendAll(deps, tx, ctx, grants, `目录资源已撤销：${e.reason}`, {
        cause: 'catalogue.resource.withdraw',
      });
    },
    async versionPublished(tx, ctx, e) {
      if (!e.affectsGrants) return;
      const codes = affectedCodes(e);
      if (codes.size === 0) return;
      const grants = (await repo.byResource(tx, e.resourceId, ['active'])).filter((g) =>
        (JSON.parse(g.scope) as GrantScope).items.some((i) => codes.has(i.code)),
      );
      await suspendAll(
        deps,
        tx,
        ctx,
        grants,
        `目录资源第 ${e.version} 版变更了已授权的信息项（${[...codes].sort().join('、')}），授权暂停待复核`,
        { cause: 'catalogue.version.publish', version: e.version, items: [...codes].sort().join(',') },
      );
    },
  };
}
