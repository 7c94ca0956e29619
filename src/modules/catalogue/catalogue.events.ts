import type { AnyTx, RequestContext } from '../../kernel/index.js';
import type { ResourceDoc, VersionDiff } from './domain/resource/index.js';

// Other modules react to catalogue changes inside the same transaction, so a publication and its effects
// (a data table migrated, grants suspended, holders notified) commit or fail together. They subscribe
// through the catalogue's door as they come to exist; the catalogue does not know them.

/** A version was published (the first one or a change). */
export interface VersionPublished {
  resourceId: string;
  code: string;
  orgId: string;
  version: number;
  previousVersion: number | null;
  doc: ResourceDoc;
  previous: ResourceDoc | null;
  diff: VersionDiff;
  /** True when grants that cover removed, retyped or restricted items must be suspended for review. */
  affectsGrants: boolean;
}

/** A resource was withdrawn: every grant on it is suspended. */
export interface ResourceWithdrawn {
  resourceId: string;
  code: string;
  orgId: string;
  reason: string;
}

/** What a subscriber may implement. */
export interface CatalogueListener {
  versionPublished?(tx: AnyTx, ctx: RequestContext, e: VersionPublished): Promise<void>;
  resourceWithdrawn?(tx: AnyTx, ctx: RequestContext, e: ResourceWithdrawn): Promise<void>;
}

/** The subscriber list. */
export class CatalogueEvents {
  private readonly listeners: CatalogueListener[] = [];

  /** Adds a subscriber; returns a function that removes it. */
  on(l: CatalogueListener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Tells every subscriber, in order, inside the caller's transaction. */
  async published(tx: AnyTx, ctx: RequestContext, e: VersionPublished): Promise<void> {
    for (const l of this.listeners) await l.versionPublished?.(tx, ctx, e);
  }

  /** Tells every subscriber of a withdrawal. */
  async withdrawn(tx: AnyTx, ctx: RequestContext, e: ResourceWithdrawn): Promise<void> {
    for (const l of this.listeners) await l.resourceWithdrawn?.(tx, ctx, e);
  }
}
