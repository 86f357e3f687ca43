/** Papers a batch may hold at once: 32 words of 32 bits per row. */
export const BATCH_PAPERS = 1024;

/**
 * Which papers of a batch contain each term, as rows of bits: bit `p` of row `t` is set when
 * paper `p` of the batch contains term `t`. A subscription is then decided for the whole batch by
 * combining a few rows (AND for required words, OR for alternatives, AND NOT for exclusions), so
 * checking it costs the same for one paper or a thousand.
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
    return ((this.rows[row * this.words + (paper >> 5)] ?? 0) >>> (paper & 31)) & 1 ? true : false;
  }

  /** Whether rows `a` and `b` share a paper. */
  meet(a: number, b: number): boolean {
    const { rows, words } = this;
    const x = a * words;
    const y = b * words;
    for (let w = 0; w < words; w += 1) if (((rows[x + w] ?? 0) & (rows[y + w] ?? 0)) !== 0) return true;
    return false;
  }
}

/**
 * The (paper, result) pairs a batch produced, in typed arrays that are reused from batch to
 * batch; turned into one exactly-sized list per paper at the end, so matching a dense batch does
 * not grow a thousand arrays one push at a time.
 */
export class MatchPairs<T> {
  private papers = new Int32Array(1 << 12);
  private refs = new Int32Array(1 << 12);
  private length = 0;
  /** Results made for this batch only (`ref` -1 is the first, -2 the second, …). */
  private readonly made: T[] = [];

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

  /** Adds a result made for this paper alone. */
  addMade(paper: number, result: T): void {
    this.add(paper, -this.made.push(result));
  }

  /** One list per paper of the batch, in the order the pairs were added; clears the pairs. */
  lists(papers: number, fixed: readonly (T | null)[]): T[][] {
    const counts = new Int32Array(papers);
    for (let i = 0; i < this.length; i += 1) {
      const paper = this.papers[i] ?? 0;
      counts[paper] = (counts[paper] ?? 0) + 1;
    }
    const lists = Array.from(counts, (count): T[] => new Array<T>(count));
    counts.fill(0);
    for (let i = 0; i < this.length; i += 1) {
      const paper = this.papers[i] ?? 0;
      const ref = this.refs[i] ?? 0;
      const result = ref >= 0 ? fixed[ref] : this.made[-ref - 1];
      const at = counts[paper] ?? 0;
      const list = lists[paper];
      if (list !== undefined && result !== undefined && result !== null) list[at] = result;
      counts[paper] = at + 1;
    }
    this.length = 0;
    this.made.length = 0;
    return lists;
  }
}
