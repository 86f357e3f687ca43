import type { Clause } from "./query.js";
import { BATCH_PAPERS, type PaperBits } from "./batch.js";
import type { TermIndex } from "./term-index.js";

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
    return new Program(Int32Array.from(this.code), this.texts);
  }
}

/** Compiled queries, evaluated against the papers of the batch a PaperBits holds. */
export class Program {
  /** Per nesting depth, a row to combine a child's papers into its parent's. */
  private readonly scratch: Int32Array[] = [];

  constructor(
    private readonly code: Int32Array,
    private readonly texts: readonly string[],
  ) {}

  private size(pc: number): number {
    return this.code[pc] === TERM ? TERM_SIZE : (this.code[pc + 1] ?? 1);
  }

  private scratchAt(depth: number): Int32Array {
    let row = this.scratch[depth];
    if (row === undefined) {
      row = new Int32Array(BATCH_PAPERS / 32);
      this.scratch[depth] = row;
    }
    return row;
  }

  /**
   * Writes into `out` the papers of the batch that satisfy the clause at `pc`; returns whether
   * there is any. Stops combining as soon as nothing is left.
   */
  select(pc: number, bits: PaperBits, out: Int32Array, depth = 0): boolean {
    const code = this.code;
    const op = code[pc];
    const { rows, words } = bits;
    if (op === TERM) {
      const base = (code[pc + 1] ?? 0) * words;
      let any = 0;
      for (let w = 0; w < words; w += 1) any |= out[w] = rows[base + w] ?? 0;
      return any !== 0;
    }
    if (op === WORDS) {
      const first = pc + 4;
      const excludeFrom = first + (code[pc + 2] ?? 0);
      const end = excludeFrom + (code[pc + 3] ?? 0);
      out.set(bits.valid);
      for (let i = first; i < end; i += 1) {
        const base = (code[i] ?? 0) * words;
        const keep = i < excludeFrom ? 0 : -1;
        let any = 0;
        for (let w = 0; w < words; w += 1) {
          const left = (out[w] ?? 0) & ((rows[base + w] ?? 0) ^ keep);
          out[w] = left;
          any |= left;
        }
        if (any === 0) return false;
      }
      return true;
    }
    const child = this.scratchAt(depth + 1);
    if (op === ALL) {
      const include = code[pc + 2] ?? 0;
      const exclude = code[pc + 3] ?? 0;
      out.set(bits.valid);
      let next = pc + 4;
      for (let i = 0; i < include + exclude; i += 1, next += this.size(next)) {
        const found = this.select(next, bits, child, depth + 1);
        if (!found && i < include) return false;
        if (!found) continue;
        const keep = i < include ? 0 : -1;
        let any = 0;
        for (let w = 0; w < words; w += 1) {
          const left = (out[w] ?? 0) & ((child[w] ?? 0) ^ keep);
          out[w] = left;
          any |= left;
        }
        if (any === 0) return false;
      }
      return true;
    }
    const options = code[pc + 2] ?? 0;
    out.fill(0, 0, words);
    let any = 0;
    let next = pc + 3;
    for (let i = 0; i < options; i += 1, next += this.size(next)) {
      if (!this.select(next, bits, child, depth + 1)) continue;
      for (let w = 0; w < words; w += 1) {
        const either = (out[w] ?? 0) | (child[w] ?? 0);
        out[w] = either;
        any |= either;
      }
    }
    return any !== 0;
  }

  /** Whether paper `paper` of the batch satisfies the clause at `pc`. */
  holds(pc: number, bits: PaperBits, paper: number): boolean {
    const code = this.code;
    const op = code[pc];
    if (op === TERM) return bits.has(code[pc + 1] ?? 0, paper);
    if (op === WORDS) {
      const first = pc + 4;
      const excludeFrom = first + (code[pc + 2] ?? 0);
      const end = excludeFrom + (code[pc + 3] ?? 0);
      for (let i = first; i < end; i += 1) if (bits.has(code[i] ?? 0, paper) !== i < excludeFrom) return false;
      return true;
    }
    if (op === ALL) {
      const include = code[pc + 2] ?? 0;
      const exclude = code[pc + 3] ?? 0;
      let child = pc + 4;
      for (let i = 0; i < include + exclude; i += 1, child += this.size(child)) {
        if (this.holds(child, bits, paper) !== i < include) return false;
      }
      return true;
    }
    const options = code[pc + 2] ?? 0;
    let child = pc + 3;
    for (let i = 0; i < options; i += 1, child += this.size(child)) if (this.holds(child, bits, paper)) return true;
    return false;
  }

  /** Adds the spellings of the positive terms that matched in `paper`, from satisfied branches only. */
  collect(pc: number, bits: PaperBits, paper: number, into: string[]): void {
    const code = this.code;
    const op = code[pc];
    if (op === WORDS) {
      const include = code[pc + 2] ?? 0;
      const texts = pc + 4 + include + (code[pc + 3] ?? 0);
      for (let i = 0; i < include; i += 1) {
        const text = this.texts[code[texts + i] ?? 0] ?? "";
        if (bits.has(code[pc + 4 + i] ?? 0, paper) && !into.includes(text)) into.push(text);
      }
      return;
    }
    if (op === TERM) {
      const text = this.texts[code[pc + 2] ?? 0] ?? "";
      if (bits.has(code[pc + 1] ?? 0, paper) && !into.includes(text)) into.push(text);
      return;
    }
    if (op === ALL) {
      const include = code[pc + 2] ?? 0;
      let child = pc + 4;
      for (let i = 0; i < include; i += 1, child += this.size(child)) this.collect(child, bits, paper, into);
      return;
    }
    const options = code[pc + 2] ?? 0;
    let child = pc + 3;
    for (let i = 0; i < options; i += 1, child += this.size(child)) {
      if (this.holds(child, bits, paper)) this.collect(child, bits, paper, into);
    }
  }
}
