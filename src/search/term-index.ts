import type { ColumnTerms, PaperDocument } from "./document.js";
import { ALL_COLUMNS, columnMask, phraseAt } from "./evaluate.js";
import type { Field, Term } from "./query.js";

/** State of a decided term that occurs in the current paper. */
export const YES = 1;

/** What a paper's stem can decide: one-word terms equal to it, and phrases that start with it. */
interface StemEntry {
  readonly words: number[];
  readonly phrases: number[];
}

/** A trie of prefix terms by character, so a stem finds every prefix of itself in one walk. */
interface PrefixNode {
  ids: number[] | null;
  readonly next: Map<number, PrefixNode>;
}

/** The trie nodes at the depth of the shortest prefix term, by path: most stems stop after this one lookup. */
interface PrefixRoots {
  depth: number;
  readonly nodes: Map<string, PrefixNode>;
}

/**
 * Every distinct term of a set of queries, numbered, with its truth for the current paper. All of
 * them are decided when a paper arrives by walking the paper's own terms once: each stem looks up
 * the one-word terms equal to it, the phrases that start with it and the prefixes it starts with.
 * A term shared by thousands of subscriptions therefore costs nothing extra, and a term the paper
 * lacks costs nothing at all.
 */
export class TermIndex {
  readonly terms: Term[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byStem = new Map<string, StemEntry>();
  private readonly prefixes: PrefixNode = { ids: null, next: new Map() };
  private roots: PrefixRoots | null = null;
  /** Columns each term may match in (bits as in `columnMask`). */
  private columns = new Uint8Array(64);
  private readonly stems: (readonly string[])[] = [];
  private readonly prefix: boolean[] = [];
  private state = new Uint8Array(64);
  private present: number[] = [];

  intern(term: Term): number {
    const key = `${term.field ?? ""}|${term.prefix ? "*" : ""}|${term.stems.join(" ")}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.terms.push(term);
    this.ids.set(key, id);
    this.stems.push(term.stems);
    this.prefix.push(term.prefix);
    if (id >= this.columns.length) {
      const grown = new Uint8Array(this.columns.length * 2);
      grown.set(this.columns);
      this.columns = grown;
      this.state = new Uint8Array(grown.length);
    }
    this.columns[id] = columnMask(term.field);
    const first = term.stems[0] ?? "";
    if (term.stems.length > 1) {
      this.entry(first).phrases.push(id);
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
      this.roots = null;
    } else {
      this.entry(first).words.push(id);
    }
    return id;
  }

  private entry(stem: string): StemEntry {
    let entry = this.byStem.get(stem);
    if (entry === undefined) {
      entry = { words: [], phrases: [] };
      this.byStem.set(stem, entry);
    }
    return entry;
  }

  /** A one-word term standing for a word of a longer term, used to file queries under it. */
  internWord(stem: string, prefix: boolean, field: Field | null): number {
    return this.intern({ kind: "term", text: stem, words: [stem], stems: [stem], prefix, field, column: 0 });
  }

  /** Moves to a new paper and decides every term; returns the ids that hold. */
  reset(doc: PaperDocument): readonly number[] {
    this.state.fill(0, 0, this.terms.length);
    this.present = [];
    const roots = (this.roots ??= this.prefixRoots());
    for (let index = 0; index < doc.columns.length; index += 1) {
      const column = doc.columns[index];
      if (column === undefined) continue;
      const bit = 1 << index;
      column.positions.forEach((starts, stem) => {
        const entry = this.byStem.get(stem);
        if (entry !== undefined) {
          this.mark(entry.words, bit);
          for (const id of entry.phrases) if (this.phraseHolds(id, column, starts, bit)) this.set(id);
        }
        if (stem.length < roots.depth) return;
        let node = roots.nodes.get(stem.length === roots.depth ? stem : stem.slice(0, roots.depth));
        if (node?.ids) this.mark(node.ids, bit);
        for (let i = roots.depth; i < stem.length && node !== undefined; i += 1) {
          node = node.next.get(stem.charCodeAt(i));
          if (node?.ids) this.mark(node.ids, bit);
        }
      });
    }
    return this.present;
  }

  /** The trie nodes at the depth of the shortest prefix term, keyed by their path. */
  private prefixRoots(): PrefixRoots {
    let depth = Infinity;
    const shortest = (node: PrefixNode, level: number): void => {
      if (node.ids !== null) depth = Math.min(depth, level);
      for (const child of node.next.values()) shortest(child, level + 1);
    };
    shortest(this.prefixes, 0);
    const nodes = new Map<string, PrefixNode>();
    const collect = (node: PrefixNode, path: string): void => {
      if (path.length === depth) nodes.set(path, node);
      else for (const [code, child] of node.next) collect(child, path + String.fromCharCode(code));
    };
    if (depth !== Infinity) collect(this.prefixes, "");
    return { depth, nodes };
  }

  private phraseHolds(id: number, column: ColumnTerms, starts: readonly number[], bit: number): boolean {
    if (this.state[id] === YES || ((this.columns[id] ?? ALL_COLUMNS) & bit) === 0) return false;
    const words = this.stems[id] ?? [];
    const prefix = this.prefix[id] === true;
    for (const start of starts) if (phraseAt(column, words, prefix, start)) return true;
    return false;
  }

  private set(id: number): void {
    this.state[id] = YES;
    this.present.push(id);
  }

  private mark(ids: readonly number[], bit: number): void {
    const { state, columns } = this;
    for (const id of ids) {
      if (state[id] === YES || ((columns[id] ?? ALL_COLUMNS) & bit) === 0) continue;
      state[id] = YES;
      this.present.push(id);
    }
  }

  /** Per term id, YES when it occurs in the current paper (read directly by hot loops). */
  get decided(): Uint8Array {
    return this.state;
  }

  /** Whether term `id` occurs in the current paper. */
  holds(id: number): boolean {
    return this.state[id] === YES;
  }
}
