import { AppError, shanghaiDate } from '../../kernel/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { secondsToShanghaiMidnight } from './records.service.js';
import { usageRepo } from './usage.repository.js';

// Admission steps every reading door of the exchange shares (records pages, change pages, packages, push
// subscriptions), so a field check or the daily quota cannot differ between doors.

/** The requested fields (default: every granted item); 403 for any outside the grant. */
export function grantedFields(g: CompiledGrant, requested: readonly string[] | undefined): string[] {
  const granted = new Set(g.items.map((i) => i.code));
  const fields = requested ? [...requested] : g.items.map((i) => i.code);
  const outside = fields.filter((f) => !granted.has(f));
  if (outside.length)
    throw new AppError('FORBIDDEN', 'Some fields are outside the grant.', {
      reason: 'FIELDS',
      fields: outside,
    });
  return fields;
}

/** A page limit cut to the rows the grant's daily quota leaves today; 429 when none are left. */
export async function rowsAllowedToday(
  deps: ExchangeDeps,
  g: CompiledGrant,
  limit: number,
  now: Date,
): Promise<number> {
  const quota = g.scope.dailyRowQuota;
  if (quota === null) return limit;
  const used = await usageRepo.get(deps.db.kysely, g.grantId, shanghaiDate(now));
  if (used.rows >= quota)
    throw new AppError('RATE_LIMITED', 'The daily row quota of the grant is used up.', {
      retryAfter: secondsToShanghaiMidnight(now),
    });
  return Math.min(limit, quota - used.rows);
}
