import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { readDump, type PaperDraft } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { derive } from "./derive.js";
import { FEED_BATCH, hashOf, headerOf, type DumpHeader, type FeedJob, type FeedMessage, type FeedRequest } from "./feed.js";

/*
 * Worker thread (see feed.ts): hashes the dump, waits for where to start, reads it, then derives
 * its papers a batch per credit the writer sends.
 */
const job = workerData as FeedJob;
const post = (message: FeedMessage): void => parentPort?.postMessage(message);

/** Requests from the writer, in order; `take` waits for the next. */
const requests: FeedRequest[] = [];
let wake: (() => void) | undefined;
parentPort?.on("message", (request: FeedRequest) => {
  requests.push(request);
  wake?.();
});
async function take(): Promise<FeedRequest> {
  for (;;) {
    const request = requests.shift();
    if (request !== undefined) return request;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** A dump's header and its drafts from a resume point. */
interface Reader {
  header: DumpHeader;
  drafts(from: number): Iterable<PaperDraft>;
}

async function bytesOf(): Promise<Buffer> {
  const { source } = job;
  return "bytes" in source ? Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length) : readFile(source.file);
}

function read(bytes: Buffer): Reader {
  const parsed = readDump(bytes, { name: job.name, referenceTime: new Date(job.referenceTime) });
  const papers: (PaperDraft | undefined)[] = parsed.papers;
  return {
    header: headerOf(parsed),
    *drafts(from) {
      for (let i = from; i < papers.length; i += 1) {
        const draft = papers[i];
        papers[i] = undefined;
        if (draft !== undefined) yield draft;
      }
    },
  };
}

async function run(): Promise<void> {
  let bytes: Buffer | undefined = await bytesOf();
  post({ type: "hash", hash: hashOf(bytes) });
  const start = await take();
  const reader = read(bytes);
  bytes = undefined;
  post({ type: "header", header: reader.header });
  let credits = "from" in start ? 0 : start.batches;
  let batch = [];
  for (const draft of reader.drafts("from" in start ? start.from : 0)) {
    while (credits === 0) {
      const request = await take();
      if ("batches" in request) credits += request.batches;
    }
    batch.push(derive(draft, job.tldr));
    if (batch.length === FEED_BATCH) {
      post({ type: "papers", papers: batch });
      batch = [];
      credits -= 1;
    }
  }
  if (batch.length > 0) post({ type: "papers", papers: batch });
  post({ type: "end" });
  parentPort?.close();
}

/** A file removed or made unreadable since it was listed: the file's problem, not a bug. */
const unreadable = (error: unknown): string | null => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && code.startsWith("E") ? code : null;
};

run().catch((error: unknown) => {
  const code = unreadable(error);
  post(
    isPaperbotError(error)
      ? { type: "error", error: { code: error.code, message: error.message, where: error.where ?? null } }
      : code !== null
        ? { type: "error", error: { code: "DUMP_UNREADABLE", message: `cannot read the file: ${code}`, where: null } }
        : { type: "bug", bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
  );
  parentPort?.close();
});
