/**
 * Citations from what the history knows about a paper. With an arXiv id the entry is the form
 * arXiv itself suggests (`@misc` with eprint, archivePrefix, primaryClass when known, url);
 * without one it is the best entry the listing allows, with a note saying what is missing.
 */
import { FUNCTION_WORDS_SET } from "../papers/stopwords.js";

/** What a citation can be built from: a subset of a stored paper. */
export interface CitablePaper {
  title: string;
  authors: readonly string[];
  authorCount: number | null;
  publishedOn: string | null;
  arxivId: string | null;
  organization: string | null;
  projectPage?: string | null;
  githubRepo?: string | null;
  /** The arXiv category, when a source told it (the Hugging Face listing does not). */
  primaryClass?: string | null;
}

const SPECIAL: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Text safe inside a braced BibTeX field: LaTeX's special characters escaped, whitespace collapsed. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[\\{}&%$#_~^]/gu, (c) => SPECIAL[c] ?? c);
}

/** A word whose case carries meaning: a capital after the first letter of a part ("LLMs", "DistZO2", "iPhone"). */
function isCaseSensitive(word: string): boolean {
  return word.split(/[-/]/u).some((part) => /\p{Lu}/u.test(part.slice(1)));
}

/** A title with case-sensitive words braced so BibTeX styles keep their case. */
function protectedTitle(title: string): string {
  return escapeBibtex(title)
    .split(" ")
    .map((word) => (isCaseSensitive(word) ? `{${word}}` : word))
    .join(" ");
}

/** Lower-case ASCII letters and digits of a text (accents dropped), for keys. */
function keyPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, "");
}

function surname(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes(",")) return trimmed.slice(0, trimmed.indexOf(","));
  return trimmed.split(/\s+/u).pop() ?? "";
}

/** The year: from the publication date, else from the arXiv id (2401.12345 → 2024, hep-th/9901001 → 1999). */
export function citationYear(paper: Pick<CitablePaper, "publishedOn" | "arxivId">): string | null {
  const fromDate = /^(\d{4})/u.exec(paper.publishedOn ?? "");
  if (fromDate !== null) return fromDate[1] ?? null;
  const fromId = /^(\d{2})\d{2}\.\d{4,5}|\/(\d{2})\d{5}$/u.exec(paper.arxivId ?? "");
  const yy = fromId?.[1] ?? fromId?.[2];
  if (yy === undefined) return null;
  return `${Number(yy) >= 91 ? "19" : "20"}${yy}`;
}

/** first author's surname + year + first content word of the title: `smith2024gated`. */
export function citationKey(paper: CitablePaper): string {
  const author = keyPart(surname(paper.authors[0] ?? "")) || keyPart(paper.organization ?? "") || "anon";
  const word =
    paper.title
      .split(/[^\p{L}\p{N}']+/u)
      .map((w) => w.replace(/'/gu, ""))
      .find((w) => /\p{L}/u.test(w) && !FUNCTION_WORDS_SET.has(w.toLowerCase()) && keyPart(w) !== "") ?? "paper";
  return `${author}${citationYear(paper) ?? ""}${keyPart(word)}`;
}

/** The primary class an old-style id carries (`hep-th/9901001` → `hep-th`), else what the paper says. */
function primaryClassOf(paper: CitablePaper): string | null {
  if (paper.primaryClass) return paper.primaryClass;
  const old = /^([a-z-]+(?:\.[A-Z]{2})?)\//u.exec(paper.arxivId ?? "");
  return old?.[1] ?? null;
}

function field(name: string, value: string): string {
  return `  ${name} = {${value}}`;
}

/** Why an entry is incomplete, in plain words, or null when nothing is missing. */
function missing(paper: CitablePaper): string | null {
  const gaps: string[] = [];
  if (paper.arxivId === null) gaps.push("no arXiv identifier is known");
  if (paper.authors.length === 0) {
    gaps.push(paper.authorCount === null ? "author names are not known" : `the names of its ${paper.authorCount} authors are not known`);
  }
  if (citationYear(paper) === null) gaps.push("the year is not known");
  return gaps.length === 0 ? null : `Incomplete entry: ${gaps.join("; ")}.`;
}

/** One BibTeX entry under `key` (see {@link citationKey}). */
export function bibtexEntry(paper: CitablePaper, key: string = citationKey(paper)): string {
  const lines = [field("title", protectedTitle(paper.title))];
  if (paper.authors.length > 0) lines.push(field("author", paper.authors.map((a) => escapeBibtex(a)).join(" and ")));
  const year = citationYear(paper);
  if (year !== null) lines.push(field("year", year));
  if (paper.arxivId !== null) {
    lines.push(field("eprint", escapeBibtex(paper.arxivId)), field("archivePrefix", "arXiv"));
    const primary = primaryClassOf(paper);
    if (primary !== null) lines.push(field("primaryClass", escapeBibtex(primary)));
    lines.push(field("url", `https://arxiv.org/abs/${paper.arxivId}`));
  } else {
    if (paper.organization !== null) lines.push(field("organization", escapeBibtex(paper.organization)));
    const url = paper.projectPage ?? paper.githubRepo ?? null;
    if (url !== null) lines.push(field("url", escapeBibtex(url)));
    lines.push(field("howpublished", "Hugging Face Daily Papers"));
  }
  const note = missing(paper);
  if (note !== null) lines.push(field("note", note));
  return `@misc{${key},\n${lines.join(",\n")}\n}`;
}

/** Several entries as one file; a key already used gets b, c, … (then 2, 3, …) so every entry stays citable. */
export function bibtexFile(papers: readonly CitablePaper[]): string {
  const used = new Set<string>();
  const entries = papers.map((paper) => {
    const base = citationKey(paper);
    let key = base;
    for (let n = 1; used.has(key); n += 1) key = n < 26 ? `${base}${String.fromCharCode(97 + n)}` : `${base}${n + 1}`;
    used.add(key);
    return bibtexEntry(paper, key);
  });
  return entries.length === 0 ? "" : `${entries.join("\n\n")}\n`;
}

/** A plain-text reference: authors (first ten, then et al.), year, title, arXiv id or note, link. */
export function textCitation(paper: CitablePaper): string {
  const shown = paper.authors.slice(0, 10).join(", ");
  const authors =
    paper.authors.length === 0
      ? paper.authorCount === null
        ? "Unknown authors"
        : `${paper.authorCount} authors`
      : paper.authors.length > 10
        ? `${shown}, et al.`
        : shown;
  const year = citationYear(paper);
  const where =
    paper.arxivId === null
      ? "Hugging Face Daily Papers (no arXiv identifier known)."
      : `arXiv:${paper.arxivId}. https://arxiv.org/abs/${paper.arxivId}`;
  return `${authors}${year === null ? "" : ` (${year})`}. ${paper.title.replace(/\s+/gu, " ").trim()}. ${where}`;
}
