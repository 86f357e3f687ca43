const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v\d+)?$/u;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/u;

/**
 * The arXiv identifier without its version (`2401.12345v2` → `2401.12345`, `hep-th/9901001`),
 * or null when the text is not shaped like one. Identity across dumps keys on this form.
 */
export function normalizeArxivId(text: string): string | null {
  const trimmed = text.trim().replace(/^arxiv:/iu, "");
  const match = NEW_STYLE.exec(trimmed) ?? OLD_STYLE.exec(trimmed);
  return match?.[1] ?? null;
}
