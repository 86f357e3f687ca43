import { stem } from "./porter.js";
import { tokenize } from "./unicode61.js";

/**
 * Text to the terms FTS5 stores for it under `porter unicode61 remove_diacritics 2`: the one
 * definition of "a word" shared by the parser, the matcher and the equivalence tests.
 */
export function analyze(text: string): string[] {
  return tokenize(text).map(stem);
}

export { stem, tokenize };
