import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { readDumpStream } from "../../src/digests/index.js";

setFlagsFromString("--expose-gc");
/** A full collection before each sample, so the heap measured is what the reader holds, not garbage. */
const collect = runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
const TOTAL_BYTES = Number(process.env.PAPERBOT_STREAM_TEST_MB ?? "200") * MB;
const CHUNK_BYTES = 64 * 1024;
const SENTENCES = [
  "We propose a sparse attention scheme that keeps memory linear in the context length.",
  "Experiments on long documents show consistent gains over dense baselines.",
  "The method needs no retraining and runs on commodity accelerators.",
  "We release code and checkpoints to support further research.",
];

function paper(index: number): string {
  const abstract = SENTENCES.map((sentence, at) => `${sentence} Variant ${index}-${at}.`).join("\n");
  return `Streaming Paper Number ${index} on Sparse Attention\n\n${abstract}\n\n• ${1 + (index % 9)} authors\n·\nDec ${1 + (index % 11)} ${index % 500}\n\n`;
}

/** A text capture of `total` bytes, made chunk by chunk as the reader asks: the file is never held. */
async function* generatedDump(total: number, count: { papers: number }): AsyncGenerator<Uint8Array> {
  let sent = 0;
  let pending = "Daily Papers\nbyAK and the research community\n\nDec 12\n\n";
  while (sent < total) {
    while (pending.length < CHUNK_BYTES) {
      pending += paper(count.papers);
      count.papers += 1;
    }
    const chunk = Buffer.from(pending);
    pending = "";
    sent += chunk.length;
    yield chunk;
  }
}

describe("memory held while a dump streams", () => {
  it("GIVEN a generated 200 MB text capture THEN every paper is read and the live heap stays within 100 MB of its start", async () => {
    const count = { papers: 0 };
    collect();
    const start = process.memoryUsage().heapUsed;
    let peak = 0;
    let read = 0;
    let sampledAt = 0;
    const stream = readDumpStream(generatedDump(TOTAL_BYTES, count), { name: "generated.txt", referenceTime: new Date("2025-12-15T12:00:00Z") });
    let next = await stream.next();
    while (next.done !== true) {
      const draft = next.value;
      if (read % 10_000 === 0) expect(draft.title).toBe(`Streaming Paper Number ${read} on Sparse Attention`);
      read += 1;
      if (read - sampledAt >= 20_000) {
        sampledAt = read;
        collect();
        peak = Math.max(peak, process.memoryUsage().heapUsed - start);
      }
      next = await stream.next();
    }
    expect(next.value.papers).toBe(read);
    expect(read).toBe(count.papers);
    expect(read).toBeGreaterThan(TOTAL_BYTES / 600);
    if (process.env.PAPERBOT_STREAM_TEST_REPORT !== undefined) {
      console.log(`streamed ${(TOTAL_BYTES / MB).toFixed(0)} MB, ${read} papers; live heap peak +${(peak / MB).toFixed(1)} MB`);
    }
    expect(peak).toBeLessThan(100 * MB);
  }, 120_000);
});
