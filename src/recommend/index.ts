export { bibtexEntry, bibtexFile, citationKey, citationYear, escapeBibtex, textCitation, type CitablePaper } from "./cite.js";
export { prng, score, train, type Example, type LinearModel, type TrainOptions } from "./classifier.js";
export { readableTerms } from "./explain.js";
export {
  contributingTerms,
  examplesFor,
  forYou,
  MIN_POSITIVES,
  rankWith,
  samplePositions,
  type Doc,
  type ForYouInput,
  type ForYouResult,
  type RankedPaper,
  type Reason,
} from "./foryou.js";
export { similarTo, type SimilarPaper } from "./similar.js";
export { termCounts, termOccurrences, type TermOccurrence } from "./terms.js";
export { dot, sharedTerms, Vocabulary, type SparseVector, type TermCounts } from "./vectors.js";
export { compact, NewPapers, type Scored } from "./batch.js";
export { Recommender, recommenderFor, type Explained, type ForYouOutcome, type PaperText, type PaperTexts, type Preferences } from "./recommender.js";
export { explainRanking, personalRanking, preferencesOf, seedOf, type RankedForPerson } from "./personal.js";
export { inProcessRecommendations, RECOMMEND_BUDGET_MS, RecommendWorker, type Recommendations, type Recommended } from "./pool.js";
