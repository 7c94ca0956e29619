import {
  AppError,
  canonicalJson,
  getProfile,
  type FieldIssue,
  type PlatformKeyring,
  type ProfileName,
} from '../../kernel/index.js';
import {
  combineAnd,
  parseFilter,
  type DatastoreService,
  type Filter,
  type FilterItem,
  type FilterJson,
} from '../datastore/index.js';

// Turning the records a raiser names into row keys. A raiser identifies records by item values it already
// knows (e.g. the ID number); they are looked up by equality inside what the raiser may see — a consumer's
// grant row filter and granted items, the bureau the whole resource — in the database (encrypted items
// through their blind index), as the exchange's verification does. Values never leave this file: errors
// name the subject (`records[i]`) and the item codes, and evidence carries only keyed digests.

/** What the raiser may see of the resource. */
export interface RaiseScope {
  resourceId: string;
  /** The grant's row filter (null: every record). */
  rowFilter: Filter | null;
  /** Every item of the resource. */
  resourceItems: FilterItem[];
  /** Item codes the raiser may use (a consumer's granted items). */
  allowedCodes: ReadonlySet<string>;
}

type Scalar = string | number | boolean;

/** 422 with one violation per problem. */
export function objectionRejected(violations: FieldIssue[]): AppError {
  return new AppError('UNPROCESSABLE', 'The objection cannot be processed as asked.', { violations });
}

/** The keyed digest (HMAC under the keyring's `digest` secret, hex) of a JSON value. */
export function keyedDigest(keyring: PlatformKeyring, profile: ProfileName, value: unknown): string {
  return getProfile(profile).hmac(keyring.secret('digest'), canonicalJson(value)).toString('hex');
}

/**
 * The row key of each subject, in order; 422 naming every subject that is unknown (no record inside the
 * scope), ambiguous (several), a repeat of another, or uses items outside the scope.
 */
export async function resolveSubjects(
  datastore: DatastoreService,
  scope: RaiseScope,
  subjects: readonly Record<string, Scalar>[],
): Promise<string[]> {
  const names = new Set(scope.resourceItems.filter((i) => scope.allowedCodes.has(i.code)).map((i) => i.name));
  const problems: FieldIssue[] = [];
  const keys: string[] = [];
  const seen = new Map<string, number>();
  for (const [n, s] of subjects.entries()) {
    const field = `records[${n}]`;
    const outside = Object.keys(s).filter((c) => !scope.allowedCodes.has(c));
    if (outside.length) {
      problems.push({
        field,
        code: 'ITEM_NOT_ALLOWED',
        message: `items outside the grant: ${outside.join(', ')}`,
      });
      continue;
    }
    const eqs: FilterJson[] = Object.entries(s).map(([item, value]) => ({ eq: { item, value } }));
    let own: Filter;
    try {
      own = parseFilter(eqs.length === 1 ? eqs[0]! : { and: eqs }, scope.resourceItems, {
        allowedItems: names,
        path: field,
      });
    } catch {
      // The parser's messages may quote the value: say only which subject and items.
      problems.push({
        field,
        code: 'UNREADABLE',
        message: `values do not fit items ${Object.keys(s).join(', ')}`,
      });
      continue;
    }
    const page = await datastore.query(scope.resourceId, {
      filter: combineAnd(scope.rowFilter, own),
      limit: 2,
      items: [],
    });
    if (page.rows.length === 0) {
      problems.push({ field, code: 'UNKNOWN', message: 'no record with these values is visible to you' });
      continue;
    }
    if (page.rows.length > 1) {
      problems.push({ field, code: 'AMBIGUOUS', message: 'several records match; add key items' });
      continue;
    }
    const key = page.rows[0]!.key;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ field, code: 'DUPLICATE', message: `names the same record as records[${first}]` });
      continue;
    }
    seen.set(key, n);
    keys.push(key);
  }
  if (problems.length) throw objectionRejected(problems);
  return keys;
}
