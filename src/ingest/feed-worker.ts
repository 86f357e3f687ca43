import { parentPort, workerData } from "node:worker_threads";
import { readDump, type ParsedDump } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { derive } from "./derive.js";
import { FEED_BATCH, headerOf, type FeedCredit, type FeedJob, type FeedMessage } from "./feed.js";

/* Worker thread: reads one dump, then derives its papers a batch per credit the writer sends (see feed.ts). */
const job = workerData as FeedJob;
const post = (message: FeedMessage): void => parentPort?.postMessage(message);

function read(): ParsedDump | null {
  try {
    return readDump(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length), {
      name: job.name,
      referenceTime: new Date(job.referenceTime),
    });
  } catch (error) {
    post(
      isPaperbotError(error)
        ? { type: "error", error: { code: error.code, message: error.message, where: error.where ?? null } }
        : { type: "bug", bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    );
    return null;
  }
}

const parsed = read();
if (parsed !== null) {
  post({ type: "header", header: headerOf(parsed) });
  const papers: (ParsedDump["papers"][number] | undefined)[] = parsed.papers;
  let next = job.from;
  let credits = 0;
  let ended = false;
  parentPort?.on("message", (credit: FeedCredit) => {
    credits += credit.batches;
    while (credits > 0 && next < papers.length) {
      const end = Math.min(next + FEED_BATCH, papers.length);
      const batch = [];
      for (; next < end; next += 1) {
        const draft = papers[next];
        papers[next] = undefined;
        if (draft !== undefined) batch.push(derive(draft, job.tldr));
      }
      credits -= 1;
      post({ type: "papers", papers: batch });
    }
    if (next >= papers.length && !ended) {
      ended = true;
      post({ type: "end" });
    }
  });
}
