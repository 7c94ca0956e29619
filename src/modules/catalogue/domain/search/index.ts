// Catalogue full-text search, the pure side (no I/O): the tokenizer that feeds catalogue_search_terms on
// publish, the synonym list, the query planner and the scorer. The repository stores and fetches postings.
export {
  foldText,
  indexTerms,
  MAX_TERM_LENGTH,
  normaliseSearchText,
  SEARCH_FIELDS,
  TOKENIZER_VERSION,
  type FieldText,
  type IndexedTerm,
  type SearchField,
} from './tokenize.js';
export {
  compileSynonyms,
  DEFAULT_SYNONYMS,
  MAX_GROUP_SIZE,
  MAX_MEMBER_LENGTH,
  MAX_SYNONYM_GROUPS,
  synonymGroupsSchema,
  type SynonymGroups,
  type SynonymTable,
} from './synonyms.js';
export {
  MAX_ALTERNATIVES,
  MAX_CONCEPTS,
  MAX_QUERY_LENGTH,
  MAX_RAW_QUERY_LENGTH,
  parseQuery,
  SearchQueryError,
  termsOf,
  termsOfPhrase,
  type AlternativeOrigin,
  type QueryAlternative,
  type QueryConcept,
  type QueryPlan,
  type SearchQueryProblem,
} from './query.js';
export { FIELD_WEIGHTS, ORIGIN_FACTORS, rankDocuments, scoreDocuments, type SearchPosting } from './score.js';
