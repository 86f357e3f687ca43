import { parseArxivId } from "../papers/arxiv.js";

/**
 * The arXiv identifier without its version (`2401.12345v2` → `2401.12345`, `hep-th/9901001`),
 * or null when the text is not shaped like one. Identity across dumps keys on this form.
 */
export function normalizeArxivId(text: string): string | null {
  return parseArxivId(text)?.id ?? null;
}
