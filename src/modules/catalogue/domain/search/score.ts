// Matching and ranking over the postings the repository fetched for termsOf(plan).
//
// Phrases are matched by their bigrams, not by position: a document matches 营业执照 when 营业, 业执 and 执照 all
// occur in one of its fields, in any order. That is a close approximation for Chinese, because a middle bigram
// such as 业执 hardly occurs outside the phrase itself; the price is an occasional false hit when every bigram of
// a phrase happens to occur in the same field but apart (营业执 in one item label and 业执照 in another). Storing
// positions would remove it at several times the table size, and catalogue entries are short. Different
// concepts of a query (人口 婚姻) may match in different fields.
import type { AlternativeOrigin, QueryAlternative, QueryPlan } from './query.js';
import type { SearchField } from './tokenize.js';

/** One row from the search table: how often a term occurs in one field of one document. */
export interface SearchPosting {
  docId: string;
  term: string;
  field: SearchField;
  count: number;
}

/** How much an occurrence in each field counts: a name says what a resource is, a summary only mentions. */
export const FIELD_WEIGHTS: Readonly<Record<SearchField, number>> = Object.freeze({
  name: 10,
  tag: 6,
  item: 4,
  code: 4,
  provider: 3,
  summary: 2,
});

/**
 * Multiplier by origin: the user's wording beats a synonym, and a code typed in full beats the same code's
 * parts (which also match longer codes that merely contain them).
 */
export const ORIGIN_FACTORS: Readonly<Record<AlternativeOrigin, number>> = Object.freeze({
  query: 1,
  synonym: 0.8,
  code: 1.5,
});

type TermFields = Map<string, Map<SearchField, number>>;

/** Score of every document that satisfies every concept of the plan; documents that do not are absent. */
export function scoreDocuments(plan: QueryPlan, postings: ReadonlyArray<SearchPosting>): Map<string, number> {
  const scores = new Map<string, number>();
  // An empty plan filters nothing; the caller lists everything rather than scoring it.
  if (plan.concepts.length === 0) return scores;
  for (const [docId, terms] of byDocument(postings)) {
    let total = 0;
    let matchesAll = true;
    for (const concept of plan.concepts) {
      let best = 0;
      for (const alt of concept.alternatives) best = Math.max(best, alternativeScore(alt, terms));
      if (best === 0) {
        matchesAll = false;
        break;
      }
      total += best;
    }
    if (matchesAll) scores.set(docId, total);
  }
  return scores;
}

/** Documents by descending score, ties by id, so pages are stable. */
export function rankDocuments(scores: ReadonlyMap<string, number>): { docId: string; score: number }[] {
  return [...scores]
    .map(([docId, score]) => ({ docId, score }))
    .sort((a, b) => b.score - a.score || (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

function byDocument(postings: ReadonlyArray<SearchPosting>): Map<string, TermFields> {
  const docs = new Map<string, TermFields>();
  for (const { docId, term, field, count } of postings) {
    if (!(count > 0) || !Object.hasOwn(FIELD_WEIGHTS, field)) continue;
    let terms = docs.get(docId);
    if (!terms) docs.set(docId, (terms = new Map<string, Map<SearchField, number>>()));
    let fields = terms.get(term);
    if (!fields) terms.set(term, (fields = new Map<SearchField, number>()));
    fields.set(field, (fields.get(field) ?? 0) + count);
  }
  return docs;
}

// An alternative matches in a field when all its terms occur in that field: a phrase lives in one text, and
// letting its bigrams come from different fields would let 社会 and 会保 from the provider 人力资源和社会保障局
// plus 保险 from a summary pass for 社会保险. In each such field it is as strong as its weakest term (a phrase
// occurs at most as often as its rarest bigram); fields add up. Counts are damped (1 + ln n), or a summary that
// repeats a word six times would outrank a name.
function alternativeScore(alt: QueryAlternative, terms: TermFields): number {
  const perTerm: Map<SearchField, number>[] = [];
  for (const term of alt.terms) {
    const fields = terms.get(term);
    if (!fields) return 0;
    perTerm.push(fields);
  }
  const [first, ...rest] = perTerm;
  if (!first) return 0;
  let score = 0;
  for (const [field, count] of first) {
    let weakest = count;
    for (const fields of rest) weakest = Math.min(weakest, fields.get(field) ?? 0);
    if (weakest > 0) score += FIELD_WEIGHTS[field] * (1 + Math.log(weakest));
  }
  return score * ORIGIN_FACTORS[alt.origin];
}
