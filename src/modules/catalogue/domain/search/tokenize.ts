// Text → search terms, shared by indexing (on publish) and querying, so both sides agree byte for byte.
// Neither engine tokenises Chinese usefully (SQLite FTS5's unicode61 makes a whole CJK run one token and its
// trigram tokenizer needs three characters; pg_trgm also needs three), so we index CJK unigrams and bigrams
// ourselves: a 1-character query looks up its unigram, a longer one the bigrams it is made of.

/** The parts of a catalogue entry that are indexed; each has its own weight when scoring. */
export type SearchField = 'name' | 'tag' | 'item' | 'summary' | 'code' | 'provider';

/** Every search field, in weight order (see FIELD_WEIGHTS in score.ts). */
export const SEARCH_FIELDS: readonly SearchField[] = ['name', 'tag', 'item', 'code', 'provider', 'summary'];

/** One row of the search table for one document: a term, where it occurred and how often. */
export interface IndexedTerm {
  term: string;
  field: SearchField;
  count: number;
}

/** One piece of text to index, e.g. the name, one tag or one item label. */
export interface FieldText {
  field: SearchField;
  text: string;
}

/** Bumped whenever the terms of a text change, so the repository knows to rebuild the search table. */
export const TOKENIZER_VERSION = 1;

/** Longest term kept, in code points; longer words are cut, identically on both sides, so they still match. */
export const MAX_TERM_LENGTH = 64;

/** A maximal stretch of ideographs (`cjk`) or of other letters and digits (`word`). */
export interface TextRun {
  kind: 'cjk' | 'word';
  text: string;
}

const HAN = /\p{Script=Han}/u;
const ALNUM = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
// Zero-width spaces, soft hyphens, variation selectors and the like arrive with pasted text; they are invisible,
// so they must not split a word or an ideograph run.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const NOT_ALNUM = /[^\p{L}\p{N}\p{M}]+/gu;
// A resource or classification code: ASCII letters and digits joined by separators, e.g. 330100-gaj-0001.
const CODE_SHAPE = /^[a-z0-9]+(?:[-_./:][a-z0-9]+)+$/;

// Punctuation survives folding because codes need it; normaliseSearchText drops it.
/** NFKC (full-width → half-width, compatibility ideographs → unified), lower case, invisible characters removed. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(IGNORABLE, '');
}

/** foldText with punctuation, symbols and whitespace collapsed to single spaces and trimmed. */
export function normaliseSearchText(s: string): string {
  return foldText(s).replace(NOT_ALNUM, ' ').trim();
}

/** Length in code points, so an astral ideograph counts once. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The first MAX_TERM_LENGTH code points of a term. */
export function capTerm(term: string): string {
  return term.length <= MAX_TERM_LENGTH ? term : Array.from(term).slice(0, MAX_TERM_LENGTH).join('');
}

/** True when folded text is code-shaped (letters/digits joined by - _ . / :), so it is also kept whole. */
export function isCodeShaped(folded: string): boolean {
  return CODE_SHAPE.test(folded);
}

/** Splits text (folded here) into ideograph runs and letter/digit runs; everything else separates runs. */
export function runsOf(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let kind: TextRun['kind'] | null = null;
  let buf = '';
  const flush = (): void => {
    if (kind !== null && buf !== '') runs.push({ kind, text: buf });
    kind = null;
    buf = '';
  };
  for (const ch of foldText(text)) {
    if (MARK.test(ch)) {
      // A combining mark belongs to the letter before it; after an ideograph it carries no meaning for search.
      if (kind === 'word') buf += ch;
      continue;
    }
    const next = HAN.test(ch) ? 'cjk' : ALNUM.test(ch) ? 'word' : null;
    if (next !== kind) flush();
    kind = next;
    if (next !== null) buf += ch;
  }
  flush();
  return runs;
}

/** The unigrams and adjacent bigrams of one ideograph run, in text order (duplicates kept, for counting). */
export function cjkGrams(run: string): string[] {
  const chars = Array.from(run);
  const grams: string[] = [];
  chars.forEach((c, i) => {
    grams.push(c);
    const next = chars[i + 1];
    if (next !== undefined) grams.push(c + next);
  });
  return grams;
}

/** Every term of one text, in order, with repeats: CJK unigrams and bigrams, whole words, whole codes. */
export function termsOfText(field: SearchField, text: string): string[] {
  const terms: string[] = [];
  if (field === 'code') {
    const whole = foldText(text).trim();
    if (isCodeShaped(whole)) terms.push(capTerm(whole));
  }
  for (const run of runsOf(text)) {
    if (run.kind === 'cjk') terms.push(...cjkGrams(run.text));
    else terms.push(capTerm(run.text));
  }
  return terms;
}

/** The search-table rows of one document: each (term, field) once, with how often it occurs there. */
export function indexTerms(fields: ReadonlyArray<FieldText>): IndexedTerm[] {
  const rows = new Map<string, IndexedTerm>();
  for (const { field, text } of fields) {
    for (const term of termsOfText(field, text)) {
      const key = `${field}\u0000${term}`;
      const row = rows.get(key);
      if (row) row.count++;
      else rows.set(key, { term, field, count: 1 });
    }
  }
  return [...rows.values()];
}
