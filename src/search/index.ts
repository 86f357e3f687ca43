export { analyze, stem, tokenize } from "./analyzer.js";
export { anchorsOf, lengthFrequency, type AnchorWord, type Anchors, type TermFrequency } from "./anchors.js";
export { toFtsMatch } from "./compile.js";
export { checkQueryCost, parseBoundedQuery, QUERY_BOUNDS } from "./cost.js";
export { documentOf, type PaperDocument } from "./document.js";
export {
  matchDocument,
  matchesQuery,
  SubscriptionMatcher,
  type Matches,
  type MatcherOptions,
  type MatcherStats,
  type Subscription,
  type SubscriptionMatch,
} from "./matcher.js";
export { MAX_QUERY_LENGTH, parseQuery } from "./parser.js";
export { inProcessSearcher, SEARCH_BUDGET_MS, SearchPool, type SearchResult, type Searcher } from "./pool.js";
export {
  positiveTerms,
  type AllOf,
  type AnyOf,
  type Clause,
  type Comparison,
  type Field,
  type Filter,
  type ParseResult,
  type Query,
  type QueryError,
  type Term,
} from "./query.js";
export {
  describeQueryError,
  queryErrorToPaperbotError,
  searchText,
  type PaperSearch,
  type SearchHit,
  type SearchOptions,
  type SearchOutcome,
  type SearchPage,
} from "./repository.js";
