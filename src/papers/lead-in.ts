/**
 * Where a TL;DR should start: at the claim. Abstracts often open their key sentence with framing
 * ("In this paper, we…", "To address these issues, we propose…"); the card starts at the subject.
 */

/** Who states a contribution right after a lead-in: we, our work, this paper. */
const SUBJECT = String.raw`(?:we|our (?:work|paper|study|approach|method|framework|model|system)|this (?:paper|work|thesis|article|study))\b`;

/** `In this paper we …`, `Here, we …`: framing without a comma, or with one. */
const FRAMING = new RegExp(String.raw`^(?:in this (?:paper|work|thesis|article|study|letter|report)|here(?:in)?)\s*,?\s+(?=${SUBJECT})`, "iu");

/**
 * `To address these issues, we …`, `Towards this goal, in this paper we …`: a clause of up to 160
 * characters ending in a comma, then the subject (or the framing before it).
 */
const CLAUSE = new RegExp(String.raw`^([^.;:]{2,160}?),\s+(?=${SUBJECT}|in this (?:paper|work|thesis|article|study)\b)`, "iu");

/** A lead-in clause must not itself be the claim: no "we" of its own inside it. */
const OWN_SUBJECT = /\bwe\b/iu;

/** Acronyms and CamelCase words (`CROMA`, `BlockLLM`, `NeuPIMs`, `QMCPy`, `LR^2VQ`): how methods are named. */
export const NAME_SHAPE = /^(?=\S*\p{Lu}\S*\p{Lu}|\p{Ll}+\p{Lu})[\p{L}\p{N}^+-]+$/u;

/**
 * The names a title gives its method: acronyms and CamelCase words in it, and the words before its
 * colon when they are short (`Lightning: …`).
 */
export function methodNames(title: string): string[] {
  const words = title.split(/[\s,:;()[\]"“”]+/u).filter((w) => w !== "");
  const names = words.filter((w) => NAME_SHAPE.test(w));
  const colon = title.indexOf(":");
  if (colon > 0) {
    const head = title.slice(0, colon).trim();
    if (head.split(/\s+/u).length <= 3 && /^\p{Lu}/u.test(head)) names.push(head);
  }
  return [...new Set(names)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** One pattern per list of names: a summary tries the same names on every sentence. */
const nameClauses = new WeakMap<readonly string[], RegExp | null>();

/** A comma-ended lead-in followed by one of the method's names also gives way to the name. */
function nameClause(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  let pattern = nameClauses.get(names);
  if (pattern === undefined) {
    pattern = compileNameClause(names);
    nameClauses.set(names, pattern);
  }
  return pattern;
}

function compileNameClause(names: readonly string[]): RegExp {
  const alternatives = names.map(escapeRegExp).join("|");
  return new RegExp(String.raw`^([^.;:]{2,160}?),\s+(?=(?:${alternatives})\b)`, "u");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Drops the lead-in of a sentence so it starts at its subject: "In this paper, we propose X" →
 * "We propose X"; "To address these issues, we introduce Y" → "We introduce Y"; "Inspired by
 * this, NeuPIMs …" → "NeuPIMs …" (a name from the title). Up to two lead-ins go ("Towards this
 * goal, in this paper we …"). A sentence without one is returned unchanged.
 */
export function trimLeadIn(sentence: string, names: readonly string[] = []): string {
  let text = sentence;
  for (let round = 0; round < 2; round += 1) {
    const framing = FRAMING.exec(text);
    // Both clause patterns end their lead-in at a comma within its first 161 characters.
    const comma = text.indexOf(",");
    const clause = framing === null && comma >= 0 && comma <= 160 ? CLAUSE.exec(text) ?? nameClause(names)?.exec(text) ?? null : null;
    const cut = framing ?? (clause !== null && !OWN_SUBJECT.test(clause[1] ?? "") ? clause : null);
    if (cut === null) break;
    text = capitalise(text.slice(cut[0].length));
  }
  return text;
}
