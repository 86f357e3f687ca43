/**
 * papers/: what the rest of the bot knows about a paper beyond what a dump states — its identity,
 * whether it is one we have seen under another rendering, its TL;DR, keywords and links. Pure
 * functions, no I/O; the store and delivery layers call them.
 */
export { parseArxivId, type ArxivRef } from "./arxiv.js";
export { canonicalArxivId, distinctTitleKey, mainTitle, normalizeTitle, paperKey, titleKey } from "./identity.js";
export {
  ABSTRACT_CONFLICT_BELOW,
  ABSTRACT_THRESHOLD,
  ABSTRACT_THRESHOLD_NUMBERS_DIFFER,
  TITLE_ONLY_THRESHOLD,
  TITLE_THRESHOLD,
  abstractSimilarity,
  abstractsConflict,
  blockingKeys,
  compareTitles,
  isNearDuplicate,
  NearDuplicateProbe,
} from "./near-duplicate.js";
export { prepareText, type PreparedText } from "./prepared.js";
export type { PaperText, TitleComparison } from "./near-duplicate.js";
export { SUMMARY_MAX_CHARS, summarize, truncateAtWord } from "./summary.js";
export { splitSentences } from "./sentences.js";
export { extractKeywords } from "./keywords.js";
export { paperLinks } from "./links.js";
export type { PaperLinks } from "./links.js";
