/**
 * The text the full-text index holds for a column: NFKC, so compatibility forms are the words they
 * stand for (`ａｔｔｅｎｔｉｏｎ` is `attention`, `ﬁnetuning` is `finetuning`, `①` is `1`). FTS5's
 * unicode61 folds case and diacritics but not these. The store hands every indexed column through
 * this (as the SQL function `paperbot_index_text`), and the query parser and the subscription
 * matcher through the same function, so all three see the same words.
 */
const PLAIN_ASCII = /^[\x00-\x7f]*$/;

export function indexText(text: string): string {
  return PLAIN_ASCII.test(text) ? text : text.normalize("NFKC");
}

/** The name under which every store connection knows {@link indexText}; the FTS triggers and view call it. */
export const INDEX_TEXT_FUNCTION = "paperbot_index_text";
