import type { PaperBits } from "./batch.js";
import type { PaperDocument } from "./document.js";
import { ALL_COLUMNS, columnMask, phraseAt } from "./evaluate.js";
import type { Field, Term } from "./query.js";

/** The terms filed under one stem: one-word terms equal to it, and phrases that start with it. */
interface StemEntry {
  readonly words: number[];
  /** Phrases by their second stem, so a phrase is only checked where its second word follows. */
  readonly phrases: Map<string, number[]>;
  /** Two-word phrases whose second word is a prefix ("vector gra"*): checked at every occurrence. */
  readonly loose: number[];
}

/** A trie of prefix terms by character, so a stem finds every prefix term of itself in one walk. */
interface PrefixNode {
  ids: number[] | null;
  readonly next: Map<number, PrefixNode>;
}

/** Everything one stem of a paper can decide, worked out on first sight of the stem and then reused. */
interface Resolved {
  /** One-word terms the stem satisfies: equal to it, or a prefix of it. */
  readonly words: readonly number[];
  readonly phrases: ReadonlyMap<string, readonly number[]> | null;
  readonly loose: readonly number[] | null;
}

const NOTHING: Resolved = { words: [], phrases: null, loose: null };

/** Distinct stems whose resolution is kept; past this (a flood of one-off tokens) the memo starts over. */
const RESOLVED_LIMIT = 100_000;

/**
 * Every distinct term of a set of queries, numbered. All of them are decided for a paper by
 * walking the paper's terms once: each stem marks the
 * one-word terms equal to it and the prefix terms it starts with (both memoised per stem, so a
 * stem costs one map lookup after the first paper that has it), and checks the phrases that start
 * with it and continue with the next word of the paper. A term shared by thousands of
 * subscriptions therefore costs nothing extra, and a term the paper lacks costs nothing at all.
 */
export class TermIndex {
  readonly terms: Term[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byStem = new Map<string, StemEntry>();
  private readonly prefixes: PrefixNode = { ids: null, next: new Map() };
  private readonly resolved = new Map<string, Resolved>();
  /** Columns each term may match in (bits as in `columnMask`). */
  private columns = new Uint8Array(64);
  private readonly stems: (readonly string[])[] = [];
  private readonly prefix: boolean[] = [];

  intern(term: Term): number {
    const words = term.stems.length === 1 ? (term.stems[0] ?? "") : term.stems.join(" ");
    // A plain word is its own key (stems never contain "|"); fields and prefixes are spelled out.
    const key = term.field === null && !term.prefix ? words : `${term.field ?? ""}|${term.prefix ? "*" : ""}|${words}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.terms.push(term);
    this.ids.set(key, id);
    this.stems.push(term.stems);
    this.prefix.push(term.prefix);
    this.resolved.clear();
    if (id >= this.columns.length) {
      const grown = new Uint8Array(this.columns.length * 2);
      grown.set(this.columns);
      this.columns = grown;
    }
    this.columns[id] = columnMask(term.field);
    const [first = "", second] = term.stems;
    if (second !== undefined) {
      const entry = this.entry(first);
      if (term.stems.length === 2 && term.prefix) entry.loose.push(id);
      else {
        const list = entry.phrases.get(second);
        if (list === undefined) entry.phrases.set(second, [id]);
        else list.push(id);
      }
    } else if (term.prefix) {
      let node = this.prefixes;
      for (let i = 0; i < first.length; i += 1) {
        const code = first.charCodeAt(i);
        let child = node.next.get(code);
        if (child === undefined) {
          child = { ids: null, next: new Map() };
          node.next.set(code, child);
        }
        node = child;
      }
      (node.ids ??= []).push(id);
    } else {
      this.entry(first).words.push(id);
    }
    return id;
  }

  private entry(stem: string): StemEntry {
    let entry = this.byStem.get(stem);
    if (entry === undefined) {
      entry = { words: [], phrases: new Map(), loose: [] };
      this.byStem.set(stem, entry);
    }
    return entry;
  }

  /** A one-word term standing for a word of a longer term, used to file queries under it. */
  internWord(stem: string, prefix: boolean, field: Field | null): number {
    return this.intern({ kind: "term", text: stem, words: [stem], stems: [stem], prefix, field, column: 0 });
  }

  /** What a stem decides: its own entry plus every prefix term along its path in the trie. */
  private resolve(stem: string): Resolved {
    const known = this.resolved.get(stem);
    if (known !== undefined) return known;
    const entry = this.byStem.get(stem);
    const words = entry === undefined ? [] : [...entry.words];
    let node: PrefixNode | undefined = this.prefixes;
    for (let i = 0; i < stem.length && node !== undefined; i += 1) {
      node = node.next.get(stem.charCodeAt(i));
      if (node?.ids) words.push(...node.ids);
    }
    const phrases = entry !== undefined && entry.phrases.size > 0 ? entry.phrases : null;
    const loose = entry !== undefined && entry.loose.length > 0 ? entry.loose : null;
    const found = words.length === 0 && phrases === null && loose === null ? NOTHING : { words, phrases, loose };
    if (this.resolved.size >= RESOLVED_LIMIT) this.resolved.clear();
    this.resolved.set(stem, found);
    return found;
  }

  /**
   * Decides every term for paper `paper` of a batch: sets the paper's bit in the row of each term
   * that occurs in it.
   */
  decide(doc: PaperDocument, paper: number, bits: PaperBits): void {
    for (let index = 0; index < doc.columns.length; index += 1) {
      const terms = doc.columns[index]?.terms ?? [];
      const bit = 1 << index;
      for (let i = 0; i < terms.length; i += 1) {
        const found = this.resolve(terms[i] ?? "");
        if (found === NOTHING) continue;
        for (const id of found.words) if ((this.columns[id] ?? ALL_COLUMNS) & bit) bits.set(id, paper);
        const next = terms[i + 1];
        const phrases = found.phrases !== null && next !== undefined ? found.phrases.get(next) : undefined;
        if (phrases !== undefined) this.markPhrases(phrases, terms, i, bit, paper, bits);
        if (found.loose !== null) this.markPhrases(found.loose, terms, i, bit, paper, bits);
      }
    }
  }

  private markPhrases(ids: readonly number[], terms: readonly string[], start: number, bit: number, paper: number, bits: PaperBits): void {
    for (const id of ids) {
      if (((this.columns[id] ?? ALL_COLUMNS) & bit) === 0 || bits.has(id, paper)) continue;
      if (phraseAt(terms, this.stems[id] ?? [], this.prefix[id] === true, start)) bits.set(id, paper);
    }
  }
}
