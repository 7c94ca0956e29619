// A search query → a plan of terms to look up. Whitespace and punctuation separate concepts, and every concept
// must match (AND); a concept may match through any of its alternatives (OR): the user's own wording or a
// synonym. An alternative is a set of terms that must all occur: a CJK run of two or more characters becomes
// its bigrams (so 营业执照 needs 营业, 业执 and 执照), a single ideograph its unigram, a Latin or digit word itself.
import type { FieldIssue } from '../../../../kernel/index.js';
import { compileSynonyms, DEFAULT_SYNONYMS, type SynonymGroups, type SynonymTable } from './synonyms.js';
import { capTerm, codePointLength, foldText, isCodeShaped, normaliseSearchText, runsOf } from './tokenize.js';

/** Most concepts (space-separated words) in one query. */
export const MAX_CONCEPTS = 10;
/** Longest query, in code points after normalisation. */
export const MAX_QUERY_LENGTH = 100;
/** Longest raw query looked at: checked before normalising, which can expand a character up to 18-fold. */
export const MAX_RAW_QUERY_LENGTH = 1000;
/** Most alternatives one concept expands to (its own wording included), so a long query cannot explode. */
export const MAX_ALTERNATIVES = 16;

/** Where an alternative came from: the user's wording, a synonym of it, or the whole of a code-shaped word. */
export type AlternativeOrigin = 'query' | 'synonym' | 'code';

/** One way a concept can match: every term must occur in the document. */
export interface QueryAlternative {
  readonly text: string;
  readonly terms: readonly string[];
  readonly origin: AlternativeOrigin;
}

/** One word of the query and the alternatives any of which satisfies it. */
export interface QueryConcept {
  readonly text: string;
  readonly alternatives: readonly QueryAlternative[];
}

/** A parsed query; no concepts means "no filter" and the caller lists everything. */
export interface QueryPlan {
  readonly concepts: readonly QueryConcept[];
}

/** Why a query was refused. */
export type SearchQueryProblem = 'QUERY_TOO_LONG' | 'TOO_MANY_CONCEPTS';

/** A query over the limits; the caller reports it as a 400 on the `q` field. */
export class SearchQueryError extends Error {
  readonly field = 'q' as const;
  readonly code: SearchQueryProblem;
  readonly limit: number;

  constructor(code: SearchQueryProblem, limit: number, message: string) {
    super(message);
    this.name = 'SearchQueryError';
    this.code = code;
    this.limit = limit;
  }

  /** The problem as a field issue for a validation error. */
  toIssue(): FieldIssue {
    return { field: this.field, code: this.code, message: this.message };
  }
}

// Compiling a list is cheap but happens per query; the list object is long-lived (built once at start-up).
const compiled = new WeakMap<SynonymGroups, SynonymTable>();

function tableFor(groups: SynonymGroups): SynonymTable {
  let table = compiled.get(groups);
  if (!table) {
    table = compileSynonyms(groups);
    compiled.set(groups, table);
  }
  return table;
}

/** Parses a search query into concepts and alternatives; throws SearchQueryError over the limits. */
export function parseQuery(q: string, synonyms: SynonymGroups = DEFAULT_SYNONYMS): QueryPlan {
  if (q.length > MAX_RAW_QUERY_LENGTH || codePointLength(normaliseSearchText(q)) > MAX_QUERY_LENGTH) {
    throw new SearchQueryError(
      'QUERY_TOO_LONG',
      MAX_QUERY_LENGTH,
      `The search text may be at most ${MAX_QUERY_LENGTH} characters.`,
    );
  }
  const texts = [...new Set(conceptTexts(q))];
  if (texts.length > MAX_CONCEPTS) {
    throw new SearchQueryError(
      'TOO_MANY_CONCEPTS',
      MAX_CONCEPTS,
      `The search may have at most ${MAX_CONCEPTS} words.`,
    );
  }
  const table = tableFor(synonyms);
  return { concepts: texts.map((t) => concept(t, table)).filter((c) => c.alternatives.length > 0) };
}

/** The distinct terms whose postings the plan needs, in first-use order. */
export function termsOf(plan: QueryPlan): string[] {
  const terms = new Set<string>();
  for (const c of plan.concepts) for (const a of c.alternatives) for (const t of a.terms) terms.add(t);
  return [...terms];
}

// Whitespace separates concepts; so does punctuation (人口、婚姻 is two), except inside a code-shaped word,
// which stays one concept so that it can also be looked up whole.
function conceptTexts(q: string): string[] {
  const out: string[] = [];
  for (const chunk of foldText(q).split(/\s+/u)) {
    if (chunk === '') continue;
    if (isCodeShaped(chunk)) out.push(chunk);
    else
      out.push(
        ...normaliseSearchText(chunk)
          .split(' ')
          .filter((s) => s !== ''),
      );
  }
  return out;
}

function concept(text: string, table: SynonymTable): QueryConcept {
  if (isCodeShaped(text)) {
    return {
      text,
      alternatives: [
        { text, terms: [capTerm(text)], origin: 'code' },
        { text, terms: termsOfPhrase(text), origin: 'query' },
      ],
    };
  }
  const alternatives: QueryAlternative[] = [];
  for (const { text: alt, substituted } of expansions(text, table)) {
    const terms = termsOfPhrase(alt);
    // An alternative needing every term of an earlier one (身份证号 after 身份证) can only match where that one
    // does, and scores no higher, so it would only cost postings.
    if (terms.length === 0 || alternatives.some((a) => a.terms.every((t) => terms.includes(t)))) continue;
    alternatives.push({ text: alt, terms, origin: substituted ? 'synonym' : 'query' });
  }
  return { text, alternatives };
}

/** The terms that must all occur for a phrase to match (bigram approximation of the phrase). */
export function termsOfPhrase(phrase: string): string[] {
  const terms = new Set<string>();
  for (const run of runsOf(phrase)) {
    if (run.kind === 'word') {
      terms.add(capTerm(run.text));
      continue;
    }
    const chars = Array.from(run.text);
    if (chars.length === 1) terms.add(run.text);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}

interface Occurrence {
  start: number;
  end: number;
  others: readonly string[];
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const HAN = /^\p{Script=Han}$/u;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c) && !HAN.test(c);
}

// Synonym members found inside the concept, longest first and left to right, so that 社保缴费 expands to
// 社会保险缴费 and 身份证号码 is taken as one member rather than 身份证 + 号码. A member that starts or ends with
// a Latin letter or digit must not be cut out of a longer word (gdp is not in 2023gdp).
function occurrences(chars: readonly string[], table: SynonymTable): Occurrence[] {
  const found: Occurrence[] = [];
  let i = 0;
  while (i < chars.length) {
    let matched = 0;
    for (let len = Math.min(table.maxLength, chars.length - i); len >= 2 && matched === 0; len--) {
      const candidate = chars.slice(i, i + len).join('');
      const group = table.groups.get(candidate);
      if (!group) continue;
      if (isWordChar(chars[i]) && isWordChar(chars[i - 1])) continue;
      if (isWordChar(chars[i + len - 1]) && isWordChar(chars[i + len])) continue;
      found.push({ start: i, end: i + len, others: group.filter((m) => m !== candidate) });
      matched = len;
    }
    i += matched || 1;
  }
  return found;
}

// The concept itself first, then every rewrite with one member replaced, then two, … up to MAX_ALTERNATIVES:
// fewer substitutions stay closer to what the user typed.
function* expansions(text: string, table: SynonymTable): Generator<{ text: string; substituted: boolean }> {
  yield { text, substituted: false };
  const chars = Array.from(text);
  const occ = occurrences(chars, table);
  let produced = 1;
  for (let k = 1; k <= occ.length; k++) {
    for (const picks of combinations(occ.length, k)) {
      for (const replacement of products(picks.map((p) => occ[p]?.others ?? []))) {
        if (produced >= MAX_ALTERNATIVES) return;
        const parts: string[] = [];
        let at = 0;
        picks.forEach((p, j) => {
          const o = occ[p];
          if (!o) return;
          parts.push(chars.slice(at, o.start).join(''), replacement[j] ?? '');
          at = o.end;
        });
        parts.push(chars.slice(at).join(''));
        produced++;
        yield { text: parts.join(''), substituted: true };
      }
    }
  }
}

function* combinations(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i++) for (const rest of combinations(n, k - 1, i + 1)) yield [i, ...rest];
}

function* products(lists: readonly (readonly string[])[], at = 0): Generator<string[]> {
  const list = lists[at];
  if (list === undefined) {
    yield [];
    return;
  }
  for (const head of list) for (const rest of products(lists, at + 1)) yield [head, ...rest];
}
