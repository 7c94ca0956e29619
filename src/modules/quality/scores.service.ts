import { z } from 'zod';
import {
  authorize,
  newId,
  notFound,
  parseInput,
  requireUser,
  shanghaiDate,
  systemContext,
  validationError,
  type RequestContext,
} from '../../kernel/index.js';
import type { Item } from '../catalogue/index.js';
import { computeScorecard, type RuleFacts, type Scorecard } from './domain/score/score.js';
import {
  compileValidator,
  CROSS_FIELD_KINDS,
  generateRules,
  type CellValue,
  INFORMATIONAL_KINDS,
  ruleSchema,
  ruleSetProblems,
  type Rule,
} from './domain/validate/index.js';
import type { QualityDeps } from './quality.deps.js';
import { qualityRepo as repo } from './quality.repository.js';

// Quality scorecards: computed after every load and daily (the schedule), kept as history, readable by anyone
// who can see the resource. A table that missed its update cycle raises an alert to the provider's stewards
// (once; repeats count on the open alert). Stewards extend the generated rules with their own.

export const SCORE_JOB = 'quality.score';
export const SCORE_SCHEDULE = 'quality.scores.daily';

const rulesBody = z.strictObject({ rules: z.array(z.unknown()).max(200) });

function dimensionOf(r: Rule): RuleFacts['dimension'] {
  if (INFORMATIONAL_KINDS.has(r.spec.kind)) return 'informational';
  if (CROSS_FIELD_KINDS.has(r.spec.kind)) return 'consistency';
  if (r.spec.kind === 'unique') return 'uniqueness';
  return 'validity';
}

/** Scores and steward rules. */
export class ScoresService {
  constructor(private readonly deps: QualityDeps) {}

  /** The rules a job validates with: generated from the items, then the steward's. */
  async rulesFor(resourceId: string, items: readonly Item[]): Promise<Rule[]> {
    const saved = await repo.rules(this.deps.db.kysely, resourceId);
    return [...generateRules(items), ...(saved ? (JSON.parse(saved.rules) as Rule[]) : [])];
  }

  /** Computes and stores the scorecard of one resource (internal: jobs call it). */
  async compute(resourceId: string): Promise<Scorecard | null> {
    const db = this.deps.db.kysely;
    const r = await this.deps.catalogue.browse.published(resourceId);
    if (!r || r.status === 'withdrawn' || r.doc.format !== 'table') return null;
    const profile = await this.deps.datastore.profile(resourceId);
    const last = await repo.lastFinishedJob(db, resourceId);
    const rules = await this.rulesFor(resourceId, r.doc.items);
    const now = this.deps.clock.now();
    const card = computeScorecard({
      items: r.doc.items,
      rules: rules.map((x) => ({ id: x.id, items: x.items, dimension: dimensionOf(x) })),
      rows: profile.rows,
      nonNull: profile.nonNull,
      flagged: profile.flagged,
      lastJob: last
        ? { read: last.read, rejected: last.rejected, duplicates: await repo.duplicates(db, last.id) }
        : null,
      lastLoadedAt: profile.lastLoadedAt,
      updateCycle: r.doc.updateCycle,
      now,
      confirmedErrors: (await this.deps.accuracy?.confirmedErrors(resourceId)) ?? 0,
    });
    await db.transaction().execute(async (tx) => {
      await repo.insertScore(tx, {
        id: newId(),
        resource_id: resourceId,
        computed_at: now.toISOString(),
        score: card.score,
        rows: card.rows,
        card: JSON.stringify(card),
      });
      if (card.freshness.overdue)
        await this.deps.alerts.raise(tx, systemContext('quality', resourceId), {
          severity: 'warning',
          source: 'quality',
          type: 'quality.update.overdue',
          title: `数据更新逾期：${r.doc.name}（更新周期 ${r.doc.updateCycle}）`,
          detail: card.freshness.lastLoadedAt
            ? `last loaded ${card.freshness.lastLoadedAt}, ${card.freshness.ageHours} h ago; period ${card.freshness.periodHours} h`
            : 'never loaded',
          subjectType: 'catalogue_resource',
          subjectId: resourceId,
          orgId: r.orgId,
          responsibleRole: 'steward',
          dedupKey: `quality.overdue:${resourceId}`,
        });
    });
    return card;
  }

  /**
   * Validates one record as a load would (the objection loop's corrections): the parsed values and the ids of
   * the warning rules it breaks, or the rejecting issues (item, rule, message — never the value).
   */
  async checkRecord(
    resourceId: string,
    items: readonly Item[],
    raw: Readonly<Record<string, string | null>>,
  ): Promise<{
    values: Record<string, CellValue>;
    flags: string[];
    rejected: { item: string; ruleId: string; message: string }[];
  }> {
    const today = shanghaiDate(this.deps.clock.now());
    const v = compileValidator(items, await this.rulesFor(resourceId, items), { today });
    const r = v.validate(raw, 1);
    const rejected = r.issues
      .filter((i) => i.severity === 'reject')
      .map((i) => ({ item: i.item, ruleId: i.ruleId, message: i.message }));
    const flags = [...new Set(r.issues.filter((i) => i.severity === 'warn').map((i) => i.ruleId))];
    return { values: r.values, flags, rejected };
  }

  /** The job handler: one resource, or every published table resource (the daily schedule). */
  readonly handler = async (payload: unknown): Promise<unknown> => {
    const p = (payload ?? {}) as { resourceId?: unknown; all?: unknown };
    if (typeof p.resourceId === 'string') return { scored: (await this.compute(p.resourceId)) ? 1 : 0 };
    let n = 0;
    for (const id of await this.deps.datastore.resourceIds()) if (await this.compute(id)) n++;
    return { scored: n };
  };

  /** The latest scorecard and the history (anyone who can see the resource). */
  async scorecard(ctx: RequestContext, ref: string, limit = 30) {
    requireUser(ctx);
    const r = await this.deps.catalogue.browse.get(ctx, ref);
    const rows = await repo.scores(this.deps.db.kysely, r.id, limit);
    return {
      resourceId: r.id,
      latest: rows[0]
        ? { computedAt: rows[0].computed_at, ...(JSON.parse(rows[0].card) as Scorecard) }
        : null,
      history: rows
        .map((x) => ({
          computedAt: x.computed_at,
          score: x.score,
          rows: x.rows,
          dimensions: (JSON.parse(x.card) as Scorecard).dimensions,
        }))
        .reverse(),
    };
  }

  /** The generated and the steward's rules of a resource. */
  async rules(ctx: RequestContext, ref: string) {
    const r = await this.deps.catalogue.browse.get(ctx, ref);
    const saved = await repo.rules(this.deps.db.kysely, r.id);
    return { generated: generateRules(r.items), steward: saved ? (JSON.parse(saved.rules) as Rule[]) : [] };
  }

  /** Replaces the steward's rules (the provider's stewards); checked against the items and the generated rules. */
  async putRules(ctx: RequestContext, resourceId: string, input: unknown) {
    const { rules: raw } = parseInput(rulesBody, input);
    const r = await this.deps.catalogue.browse.published(resourceId);
    if (!r) throw notFound('Resource');
    authorize(ctx, 'catalogue.edit', r.orgId);
    const rules: Rule[] = raw.map((x, i) => parseInput(ruleSchema, x, `rules.${i}`));
    const problems = ruleSetProblems(r.doc.items, [...generateRules(r.doc.items), ...rules]);
    if (problems.length) throw validationError(problems, 'The rules are invalid.');
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      await repo.saveRules(tx, {
        resource_id: r.id,
        rules: JSON.stringify(rules),
        updated_by: ctx.actor.id!,
        updated_at: now,
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.rules.update',
        subjectType: 'catalogue_resource',
        subjectId: r.id,
        orgId: r.orgId,
        change: rules,
        details: { rules: rules.length },
      });
      return { steward: rules };
    });
  }
}
