import { z } from 'zod';
import {
  AppError,
  authorize,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { catalogueRepo as repo } from './catalogue.repository.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import { defaultPolicyTable, policyTableSchema, type PolicyTable } from './domain/resource/index.js';

// The level policy table. Until secadmin saves one, the defaults apply (revision 0). Every change is
// an evidence event carrying the whole table's digest, so the rules in force at any moment can be proven.

/** What secadmin sends: the revision read (so two secadmins cannot overwrite each other unseen) and the table. */
export const policyPutSchema = z.strictObject({
  revision: z.number().int().min(0),
  table: policyTableSchema,
});

/** The table with its revision. */
export interface PolicyState {
  revision: number;
  table: PolicyTable;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Reading and changing the level policy table. */
export class PolicyService {
  constructor(private readonly deps: CatalogueDeps) {}

  /** The table in force (internal: inside a transaction). */
  async current(tx: AnyTx): Promise<PolicyState> {
    const row = await repo.policy(tx);
    if (!row) return { revision: 0, table: defaultPolicyTable(), updatedAt: null, updatedBy: null };
    return {
      revision: row.revision,
      table: policyTableSchema.parse(JSON.parse(row.doc)),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Any signed-in user may read the rules their resources and applications are judged by. */
  async get(ctx: RequestContext): Promise<PolicyState> {
    requireUser(ctx);
    return this.current(this.deps.db.kysely);
  }

  /** secadmin replaces the table; `revision` must match the one read (no lost updates). */
  async put(ctx: RequestContext, input: unknown): Promise<PolicyState> {
    authorize(ctx, 'security.policy');
    const { revision, table } = parseInput(policyPutSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const cur = await this.current(tx);
      if (cur.revision !== revision)
        throw new AppError(
          'CONFLICT',
          `The policy changed meanwhile (revision ${cur.revision}); reload it.`,
          {
            field: 'revision',
          },
        );
      const now = this.deps.clock.now().toISOString();
      const next = cur.revision + 1;
      const ok = await repo.savePolicy(
        tx,
        {
          id: 'current',
          doc: JSON.stringify(table),
          revision: next,
          updated_by: ctx.actor.id,
          updated_at: now,
        },
        cur.revision === 0 ? null : cur.revision,
      );
      if (!ok)
        throw new AppError('CONFLICT', 'The policy changed meanwhile; reload it.', { field: 'revision' });
      await this.deps.audit.record(tx, ctx, {
        action: 'catalogue.policy.update',
        subjectType: 'catalogue_policy',
        subjectId: 'current',
        change: table,
        details: { revision: next },
      });
      return { revision: next, table: table, updatedAt: now, updatedBy: ctx.actor.id };
    });
  }
}
