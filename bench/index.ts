/*
 * Entry point for every benchmark: `npm run bench`, or after a build `node dist/bench/index.js`
 * (all of them) or `node dist/bench/index.js matching` (the ones named). Each bench prints its own
 * table; one that fails is reported and the others still run. Benches are imported lazily so a
 * broken one cannot stop the rest from loading.
 */
const BENCHES: Readonly<Record<string, () => Promise<void>>> = {
  matching: async () => (await import("./matching.js")).runMatchingBench(),
  delivery: async () => (await import("./delivery.js")).benchDelivery(),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  try {
    await run();
  } catch (error) {
    console.error(`bench ${name} failed:`, error);
    process.exitCode = 1;
  }
}
