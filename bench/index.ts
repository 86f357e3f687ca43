/*
 * Entry point for every benchmark: `npm run bench`, or after a build `node dist/bench/index.js`
 * (all of them but the history ones) or `node dist/bench/index.js matching` (the ones named).
 * `scale` builds a history of `--papers N` (default 1,000,000) and measures ingest, search and
 * start-up; `ingest` and `search` run one half of it; `startup` times each command's start-up
 * alone. Each bench prints its own table; one that fails is reported and the others still run.
 * Benches are imported lazily so a broken one cannot stop the rest from loading.
 */
interface Flags {
  papers: number;
  seed: number;
}

const HISTORY = async (flags: Flags, ingest: boolean, search: boolean): Promise<void> =>
  (await import("./scale/index.js")).runScaleBench({ ...flags, ingest, search });

const BENCHES: Readonly<Record<string, { always: boolean; run: (flags: Flags) => Promise<void> }>> = {
  matching: { always: true, run: async () => (await import("./matching.js")).runMatchingBench() },
  delivery: { always: true, run: async () => (await import("./delivery.js")).benchDelivery() },
  foryou: { always: true, run: async () => (await import("./foryou.js")).benchForYou() },
  sources: { always: false, run: async () => (await import("./sources.js")).benchSources() },
  startup: { always: false, run: async () => (await import("./startup.js")).benchStartup() },
  scale: { always: false, run: (flags) => HISTORY(flags, true, true) },
  ingest: { always: false, run: (flags) => HISTORY(flags, true, false) },
  search: { always: false, run: (flags) => HISTORY(flags, false, true) },
  responsive: {
    always: false,
    run: async (flags) => (await import("./responsive.js")).benchResponsive(process.argv.includes("--papers") ? flags.papers : 5_000),
  },
};

function parseFlags(argv: readonly string[]): { wanted: string[]; flags: Flags } {
  const wanted: string[] = [];
  const flags: Flags = { papers: 1_000_000, seed: 7 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--papers" || arg === "--seed") {
      const value = Number((argv[i + 1] ?? "").replaceAll("_", "").replaceAll(",", ""));
      if (!Number.isInteger(value) || value < 10) throw new Error(`${arg} takes a whole number of at least 10`);
      flags[arg === "--papers" ? "papers" : "seed"] = value;
      i += 1;
    } else wanted.push(arg);
  }
  return { wanted, flags };
}

const { wanted, flags } = parseFlags(process.argv.slice(2));
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length > 0 ? !wanted.includes(name) : !bench.always) continue;
  try {
    await bench.run(flags);
  } catch (error) {
    console.error(`bench ${name} failed:`, error);
    process.exitCode = 1;
  }
}
