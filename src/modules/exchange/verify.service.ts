import {
  AppError,
  canonicalJson,
  getProfile,
  parseInput,
  shanghaiDate,
  signDetachedJws,
  keyFingerprint,
  systemContext,
  type RequestContext,
} from '../../kernel/index.js';
import { combineAnd, parseFilter, type FilterJson } from '../datastore/index.js';

/** A supplied item value (text, number or boolean). */
type Scalar = string | number | boolean;
import type { GroupCommit } from '../evidence/index.js';
import { sequentialItem } from './domain/probing.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { referenceHeaders, verifyBody } from './exchange.schemas.js';
import {
  accessRow,
  callerOf,
  secondsToShanghaiMidnight,
  type GrantRates,
  type SignedBody,
} from './records.service.js';
import { usageRepo } from './usage.repository.js';
import { accessBatch, type AccessWork } from './access-batch.js';

// Verification (核验, "usable but not visible"): the consumer supplies item values and learns only whether a
// record inside the grant's row filter equals all of them. Nothing of the record is returned; the inputs reach
// the evidence log only as a keyed digest. Limits count subjects, not calls; sequential probing and daily
// volume raise an alert for the security administrator.

/** One subject's answer; `mismatched` only when the grant allows naming mismatches. */
export interface VerifyResult {
  match: boolean;
  mismatched?: string[];
}

/**
 * Which supplied items differ from the record the subject identifies. The anchor is the supplied primary-key
 * items (e.g. the ID number), or the first supplied item when none is a key. No record with the anchor: the
 * anchor items are what mismatched. Otherwise each other item is compared on its own (anchor AND item), in
 * the database like the match itself, so nothing is decrypted or returned.
 */
export async function mismatches(
  entries: [string, Scalar][],
  keyCodes: readonly string[],
  exists: (entries: [string, Scalar][]) => Promise<boolean>,
): Promise<string[]> {
  const keyed = entries.filter(([code]) => keyCodes.includes(code));
  const anchor = keyed.length ? keyed : entries.slice(0, 1);
  if (!(await exists(anchor))) return anchor.map(([code]) => code);
  const out: string[] = [];
  for (const e of entries) {
    if (anchor.includes(e)) continue;
    if (!(await exists([...anchor, e]))) out.push(e[0]);
  }
  return out;
}

/** Verified subjects of one grant in one Shanghai day above which an alert is raised. */
export const DAILY_SUBJECTS_ALERT = 10_000;

/** The verification API of the exchange. */
export class VerifyService {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly evidence: GroupCommit,
    private readonly rates: GrantRates,
  ) {}

  /** Verifies one subject (`{values}`) or a batch (`{subjects}`, ≤ 1,000). */
  async verify(
    ctx: RequestContext,
    grantId: string,
    input: unknown,
    headers: Record<string, unknown>,
  ): Promise<SignedBody> {
    const body = parseInput(verifyBody, input);
    const refs = parseInput(referenceHeaders, {
      'x-orderly-case-id': headers['x-orderly-case-id'],
      'x-orderly-user-id': headers['x-orderly-user-id'],
    });
    const g = await this.deps.grants.authorizeAccess(callerOf(ctx), grantId, 'verification');
    const subjects = 'values' in body ? [body.values] : body.subjects;
    const granted = new Set(g.items.map((i) => i.code));
    const outside = [...new Set(subjects.flatMap((s) => Object.keys(s)))].filter((c) => !granted.has(c));
    if (outside.length)
      throw new AppError('FORBIDDEN', 'Some items are outside the grant.', {
        reason: 'FIELDS',
        fields: outside,
      });
    if (subjects.some((s) => Object.keys(s).length === 0))
      throw new AppError('VALIDATION_FAILED', 'Each subject needs at least one item value.', {
        fields: [{ field: 'subjects', code: 'EMPTY', message: 'give at least one item value per subject' }],
      });

    const now = this.deps.clock.now();
    // Limits count subjects, not calls.
    this.rates.take(g, subjects.length, now);
    const day = shanghaiDate(now);
    const quota = g.scope.dailyRowQuota;
    // Only a quota needs the day's usage before answering; the volume alert reads it from the commit below.
    if (quota !== null) {
      const used = await usageRepo.get(this.deps.db.kysely, grantId, day);
      if (used.subjects + subjects.length > quota)
        throw new AppError('RATE_LIMITED', 'The daily verification quota of the grant would be exceeded.', {
          retryAfter: secondsToShanghaiMidnight(now),
        });
    }

    // Comparisons run in the database; every granted item may be compared (nothing is disclosed), as
    // parameters, encrypted items through their blind index.
    const allowed = new Set(g.items.map((i) => i.name));
    const detail = g.scope.verifyDetail === true;
    const results: VerifyResult[] = [];
    for (const [n, s] of subjects.entries()) {
      const path = 'values' in body ? 'values' : `subjects[${n}]`;
      const exists = async (entries: [string, Scalar][]): Promise<boolean> => {
        const eqs: FilterJson[] = entries.map(([item, value]) => ({ eq: { item, value } }));
        const own = parseFilter(eqs.length === 1 ? eqs[0] : { and: eqs }, g.resourceItems, {
          allowedItems: allowed,
          path,
        });
        const page = await this.deps.datastore.query(g.resourceId, {
          filter: combineAnd(g.rowFilter, own),
          limit: 1,
          items: [],
        });
        return page.rows.length > 0;
      };
      const entries = Object.entries(s);
      const match = await exists(entries);
      results.push(
        detail
          ? { match, mismatched: match ? [] : await mismatches(entries, g.keyCodes, exists) }
          : { match },
      );
    }
    const out = Buffer.from(
      JSON.stringify('values' in body ? { grantId, ...results[0]! } : { grantId, results }),
      'utf8',
    );
    const key = this.deps.keyring.current('response');
    const signature = signDetachedJws(key, keyFingerprint(key), out);
    const profile = getProfile(this.deps.cryptoProfile);
    const inputDigest = profile
      .hmac(this.deps.keyring.secret('digest'), canonicalJson(subjects))
      .toString('hex');
    const matches = results.filter((r) => r.match).length;
    const work: AccessWork = {
      row: accessRow(
        ctx,
        g,
        '',
        now,
        'verify',
        refs,
        [...new Set(subjects.flatMap((x) => Object.keys(x)))].sort(),
        0,
        subjects.length,
      ),
      day,
      usage: { calls: 1, rows: 0, subjects: subjects.length },
    };
    const eventId = await this.evidence.record(
      ctx,
      {
        action: 'exchange.verify',
        subjectType: 'grant',
        subjectId: grantId,
        orgId: g.consumerOrgId,
        details: {
          resourceId: g.resourceId,
          clientId: ctx.actor.kind === 'client' ? ctx.actor.id : null,
          caseId: refs['x-orderly-case-id'] ?? null,
          userId: refs['x-orderly-user-id'] ?? null,
          subjects: subjects.length,
          matches,
          inputDigest,
        },
      },
      { writer: accessBatch, data: work },
    );
    await this.watch(grantId, g.providerOrgId, subjects, work.after!.subjects - subjects.length);
    return {
      body: out,
      headers: {
        'x-orderly-signature': signature,
        'x-orderly-evidence-id': eventId,
        'cache-control': 'no-store',
      },
    };
  }

  private async watch(
    grantId: string,
    providerOrgId: string,
    subjects: readonly Record<string, string | number | boolean>[],
    usedBefore: number,
  ): Promise<void> {
    const item = sequentialItem(subjects);
    const crossed = usedBefore < DAILY_SUBJECTS_ALERT && usedBefore + subjects.length >= DAILY_SUBJECTS_ALERT;
    if (!item && !crossed) return;
    const ctx = systemContext('exchange', grantId);
    const day = shanghaiDate(this.deps.clock.now());
    await this.deps.db.kysely.transaction().execute((tx) =>
      this.deps.alerts.raise(tx, ctx, {
        severity: 'warning',
        source: 'exchange',
        type: item ? 'exchange.verify.sequential' : 'exchange.verify.volume',
        title: item
          ? `核验疑似遍历：授权 ${grantId} 的 ${item} 取值连续`
          : `核验量异常：授权 ${grantId} 当日核验超过 ${DAILY_SUBJECTS_ALERT} 条`,
        detail: item
          ? `一次核验请求中 ${subjects.length} 个对象的 ${item} 数值相邻，可能在枚举登记库。`
          : `授权当日核验对象累计超过 ${DAILY_SUBJECTS_ALERT} 个。`,
        subjectType: 'grant',
        subjectId: grantId,
        orgId: providerOrgId,
        responsibleRole: 'secadmin',
        dedupKey: `exchange.verify.${item ? 'sequential' : 'volume'}:${grantId}:${day}`,
      }),
    );
  }
}
