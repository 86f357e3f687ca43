/** Papers a batch may hold at once: 32 words of 32 bits per row. */
export const BATCH_PAPERS = 1024;

/**
 * Which papers of a batch contain each term, as rows of bits: bit `p` of row `t` is set when
 * paper `p` of the batch contains term `t`. A subscription is then decided for the whole batch by
 * combining a few rows (AND for required words, OR for alternatives, AND NOT for exclusions): one
 * word operation settles it for 32 papers at a time.
 */
export class PaperBits {
  /** 32-bit words per row: the batch size rounded up to a multiple of 32, over 32. */
  words = 1;
  /** Row `t` is `rows[t * words .. (t + 1) * words]`. */
  rows = new Int32Array(0);
  /** Set for every paper of the batch (the last word only partly). */
  readonly valid = new Int32Array(BATCH_PAPERS / 32);
  private marked = new Uint8Array(0);
  /** Rows with at least one bit set, in the order they got it. */
  readonly touched: number[] = [];

  /** Clears the previous batch and sizes the rows for `papers` papers over `count` rows. */
  start(papers: number, count: number): void {
    for (const row of this.touched) {
      this.rows.fill(0, row * this.words, (row + 1) * this.words);
      this.marked[row] = 0;
    }
    this.touched.length = 0;
    this.words = Math.max(1, Math.ceil(papers / 32));
    if (this.marked.length < count) {
      this.rows = new Int32Array(count * (BATCH_PAPERS / 32));
      this.marked = new Uint8Array(count);
    }
    this.valid.fill(0);
    for (let w = 0; w < this.words; w += 1) this.valid[w] = papers - w * 32 >= 32 ? -1 : (1 << (papers - w * 32)) - 1;
  }

  set(row: number, paper: number): void {
    if (this.marked[row] === 0) {
      this.marked[row] = 1;
      this.touched.push(row);
    }
    const at = row * this.words + (paper >> 5);
    this.rows[at] = (this.rows[at] ?? 0) | (1 << (paper & 31));
  }

  has(row: number, paper: number): boolean {
    return (((this.rows[row * this.words + (paper >> 5)] ?? 0) >>> (paper & 31)) & 1) === 1;
  }

  /** Writes into `into` the papers whose bit is set in `source[base .. base + words]`; returns how many. */
  papersIn(source: Int32Array, base: number, into: Int32Array): number {
    let count = 0;
    for (let w = 0; w < this.words; w += 1) {
      let word = source[base + w] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        into[count] = (w << 5) + 31 - Math.clz32(low);
        count += 1;
      }
    }
    return count;
  }

  /** Whether any paper of the batch has a bit in row `row`. */
  any(row: number): boolean {
    return this.marked[row] !== 0;
  }

  /** Whether rows `a` and `b` share a paper. */
  meet(a: number, b: number): boolean {
    if (this.marked[a] === 0 || this.marked[b] === 0) return false;
    const { rows, words } = this;
    const x = a * words;
    const y = b * words;
    for (let w = 0; w < words; w += 1) if (((rows[x + w] ?? 0) & (rows[y + w] ?? 0)) !== 0) return true;
    return false;
  }
}

/**
 * Every (paper, result) pair of one match call: pair `i` is result `at(i)` for paper `paper(i)`
 * (its index among the papers matched). Held in typed arrays, so a dense match (a thousand papers,
 * a million pairs) makes no object per pair: a result is either a subscription's own fixed one or
 * one made for a varying `matched` list.
 */
export class MatchTable<T> {
  constructor(
    readonly size: number,
    private readonly papers: Int32Array,
    private readonly refs: Int32Array,
    private readonly fixed: readonly (T | null)[],
    private readonly made: readonly T[],
  ) {}

  paper(i: number): number {
    return this.papers[i] ?? -1;
  }

  at(i: number): T {
    const ref = this.refs[i] ?? 0;
    const result = ref >= 0 ? this.fixed[ref] : this.made[-ref - 1];
    if (result === null || result === undefined) throw new RangeError(`no pair ${i} of ${this.size}`);
    return result;
  }

  /**
   * The pairs of `first` whose result `keep` accepts, then every pair of `second` (both from the
   * same papers), as one table: results are shared, not copied.
   */
  static join<T>(first: MatchTable<T>, keep: (result: T) => boolean, second: MatchTable<T>): MatchTable<T> {
    const papers = new Int32Array(first.size + second.size);
    const refs = new Int32Array(first.size + second.size);
    let n = 0;
    for (let i = 0; i < first.size; i += 1) {
      if (!keep(first.at(i))) continue;
      papers[n] = first.papers[i] ?? 0;
      refs[n] = first.refs[i] ?? 0;
      n += 1;
    }
    const [fixedShift, madeShift] = [first.fixed.length, first.made.length];
    for (let i = 0; i < second.size; i += 1) {
      const ref = second.refs[i] ?? 0;
      papers[n] = second.papers[i] ?? 0;
      refs[n] = ref >= 0 ? ref + fixedShift : ref - madeShift;
      n += 1;
    }
    return new MatchTable(n, papers.subarray(0, n), refs.subarray(0, n), [...first.fixed, ...second.fixed], [...first.made, ...second.made]);
  }

  /** The results of each of `papers` papers, in one pass over the pairs. */
  byPaper(papers: number): T[][] {
    const lists = Array.from({ length: papers }, (): T[] => []);
    for (let i = 0; i < this.size; i += 1) lists[this.paper(i)]?.push(this.at(i));
    return lists;
  }
}

/**
 * Collects the pairs of a match call in typed arrays that are reused from call to call (growing
 * as needed), then hands them over as a MatchTable.
 */
export class MatchPairs<T> {
  private papers = new Int32Array(64);
  private refs = new Int32Array(64);
  private length = 0;
  /** Results made for this call only (`ref` -1 is the first, -2 the second, …). */
  private made: T[] = [];

  /** Adds a result by its index in the caller's table of fixed results. */
  add(paper: number, ref: number): void {
    if (this.length === this.papers.length) {
      const papers = new Int32Array(this.length * 2);
      const refs = new Int32Array(this.length * 2);
      papers.set(this.papers);
      refs.set(this.refs);
      this.papers = papers;
      this.refs = refs;
    }
    this.papers[this.length] = paper;
    this.refs[this.length] = ref;
    this.length += 1;
  }

  /** Adds a result made for this pair (its `matched` list varies from paper to paper). */
  addMade(paper: number, result: T): void {
    this.add(paper, -this.made.push(result));
  }

  /** The pairs collected since the last call, as a table of their own; starts over. */
  finish(fixed: readonly (T | null)[]): MatchTable<T> {
    const table = new MatchTable(this.length, this.papers.slice(0, this.length), this.refs.slice(0, this.length), fixed, this.made);
    this.length = 0;
    this.made = [];
    return table;
  }
}
