import type { Clause } from "./query.js";
import { YES, type TermIndex } from "./term-index.js";

/*
 * Queries compiled into one flat Int32Array, so checking a candidate subscription walks a few
 * adjacent integers instead of chasing objects across the heap (bench/matching.ts measured the
 * object-tree version several times slower at 100,000 subscriptions). Layout of a node at pc:
 *   TERM: [0, termId, textIndex]
 *   ALL:  [1, size, includeCount, excludeCount, ...children]
 *   ANY:  [2, size, optionCount, ...children]
 *   WORDS: [3, size, includeCount, excludeCount, ...termIds, ...includeTextIndexes]
 *          (an ALL whose children are all terms)
 * WORDS is the shape of most subscriptions ("homomorphic encryption -survey"), checked in one loop.
 */

const TERM = 0;
const ALL = 1;
const ANY = 2;
const WORDS = 3;
const TERM_SIZE = 3;

/** Accumulates compiled queries; `finish()` freezes them into a Program. */
export class ProgramBuilder {
  private readonly code: number[] = [];
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();

  constructor(private readonly terms: TermIndex) {}

  /** Compiles a clause; returns where its code starts. */
  add(clause: Clause): number {
    const start = this.code.length;
    this.emit(clause);
    return start;
  }

  private text(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.textIds.set(text, id);
    }
    return id;
  }

  private emit(clause: Clause): void {
    const code = this.code;
    if (clause.kind === "term") {
      code.push(TERM, this.terms.intern(clause), this.text(clause.text));
      return;
    }
    const start = code.length;
    if (clause.kind === "all" && [...clause.include, ...clause.exclude].every((c) => c.kind === "term")) {
      code.push(WORDS, 0, clause.include.length, clause.exclude.length);
      for (const child of [...clause.include, ...clause.exclude]) if (child.kind === "term") code.push(this.terms.intern(child));
      for (const child of clause.include) if (child.kind === "term") code.push(this.text(child.text));
    } else if (clause.kind === "all") {
      code.push(ALL, 0, clause.include.length, clause.exclude.length);
      for (const child of [...clause.include, ...clause.exclude]) this.emit(child);
    } else {
      code.push(ANY, 0, clause.options.length);
      for (const child of clause.options) this.emit(child);
    }
    code[start + 1] = code.length - start;
  }

  finish(): Program {
    return new Program(Int32Array.from(this.code), this.texts, this.terms);
  }
}

/** Compiled queries, evaluated against the paper the TermIndex currently holds. */
export class Program {
  constructor(
    private readonly code: Int32Array,
    private readonly texts: readonly string[],
    private readonly terms: TermIndex,
  ) {}

  private size(pc: number): number {
    return this.code[pc] === TERM ? TERM_SIZE : (this.code[pc + 1] ?? 1);
  }

  holds(pc: number): boolean {
    const code = this.code;
    const op = code[pc];
    if (op === WORDS) {
      const state = this.terms.decided;
      const first = pc + 4;
      const excludeFrom = first + (code[pc + 2] ?? 0);
      const end = excludeFrom + (code[pc + 3] ?? 0);
      for (let i = first; i < excludeFrom; i += 1) if (state[code[i] ?? 0] !== YES) return false;
      for (let i = excludeFrom; i < end; i += 1) if (state[code[i] ?? 0] === YES) return false;
      return true;
    }
    if (op === TERM) return this.terms.holds(code[pc + 1] ?? 0);
    if (op === ALL) {
      const include = code[pc + 2] ?? 0;
      const exclude = code[pc + 3] ?? 0;
      let child = pc + 4;
      for (let i = 0; i < include; i += 1) {
        // Leaves inline: most queries are a few words ANDed together.
        const yes = code[child] === TERM ? this.terms.holds(code[child + 1] ?? 0) : this.holds(child);
        if (!yes) return false;
        child += this.size(child);
      }
      for (let i = 0; i < exclude; i += 1, child += this.size(child)) if (this.holds(child)) return false;
      return true;
    }
    const options = code[pc + 2] ?? 0;
    let child = pc + 3;
    for (let i = 0; i < options; i += 1, child += this.size(child)) if (this.holds(child)) return true;
    return false;
  }

  /** Adds the spellings of the positive terms that matched, from satisfied branches only. */
  collect(pc: number, into: string[]): void {
    const code = this.code;
    const op = code[pc];
    if (op === WORDS) {
      const include = code[pc + 2] ?? 0;
      const texts = pc + 4 + include + (code[pc + 3] ?? 0);
      for (let i = 0; i < include; i += 1) {
        const text = this.texts[code[texts + i] ?? 0] ?? "";
        if (this.terms.holds(code[pc + 4 + i] ?? 0) && !into.includes(text)) into.push(text);
      }
      return;
    }
    if (op === TERM) {
      const text = this.texts[code[pc + 2] ?? 0] ?? "";
      if (this.holds(pc) && !into.includes(text)) into.push(text);
      return;
    }
    if (op === ALL) {
      const include = code[pc + 2] ?? 0;
      let child = pc + 4;
      for (let i = 0; i < include; i += 1, child += this.size(child)) this.collect(child, into);
      return;
    }
    const options = code[pc + 2] ?? 0;
    let child = pc + 3;
    for (let i = 0; i < options; i += 1, child += this.size(child)) if (this.holds(child)) this.collect(child, into);
  }
}
