import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { DumpStreamReader, readDump, type DumpStreamEnd, type PaperDraft } from "../digests/index.js";
import { isPaperbotError, PaperbotError } from "../errors.js";
import { derive } from "./derive.js";
import { FEED_BATCH, contentHash, headerOf, type DumpHeader, type FeedJob, type FeedMessage, type FeedRequest } from "./feed.js";

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
  drafts(from: number): AsyncIterable<PaperDraft> | Iterable<PaperDraft>;
}

const CHUNK_BYTES = 64 * 1024;
const source = { name: job.name, referenceTime: new Date(job.referenceTime) };

/** Bytes already in memory: read whole, as fetched pages are. */
function readBytes(bytes: Uint8Array): Reader {
  const parsed = readDump(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), source);
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

/** Every draft of a file, read as a stream: memory holds one paper at a time, whatever the file's size. */
async function* streamFile(file: string, hash?: Hash): AsyncGenerator<PaperDraft, DumpStreamEnd> {
  const reader = new DumpStreamReader(source);
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    hash?.update(chunk as Buffer);
    yield* reader.push(chunk as Buffer);
  }
  const { papers, end } = reader.end();
  yield* papers;
  return end;
}

/**
 * A file, read twice as a stream: once to the end for its header (so its errors and warnings are
 * known before any of its papers is stored), then for its papers.
 */
async function readFileStream(file: string, expected: string): Promise<Reader> {
  const first = streamFile(file);
  let result = await first.next();
  while (result.done !== true) result = await first.next();
  const { format, dumpDate, warnings, papers } = result.value;
  return {
    header: { format, dumpDate, warnings, papers },
    async *drafts(from) {
      let index = 0;
      const hash = createHash("sha256");
      for await (const draft of streamFile(file, hash)) {
        if (index >= from) yield draft;
        index += 1;
      }
      if (hash.digest("hex") !== expected) {
        throw new PaperbotError("DUMP_UNREADABLE", "the file changed while it was read; ingest it again once it is complete", file);
      }
    },
  };
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function run(): Promise<void> {
  const { source: input } = job;
  const hash = "bytes" in input ? contentHash(input.bytes) : await hashFile(input.file);
  post({ type: "hash", hash });
  const start = await take();
  const reader = "bytes" in input ? readBytes(input.bytes) : await readFileStream(input.file, hash);
  post({ type: "header", header: reader.header });
  let credits = 0;
  let raw = 0;
  const apply = (request: FeedRequest): void => {
    if ("batches" in request) credits += request.batches;
    else if ("raw" in request) raw += 1;
  };
  const send = async (batch: PaperDraft[]): Promise<void> => {
    // A turn of the event loop, so requests sent meanwhile (an idle writer's) are seen now.
    await new Promise((resolve) => setImmediate(resolve));
    for (let request = requests.shift(); request !== undefined; request = requests.shift()) apply(request);
    while (credits === 0 && raw === 0) apply(await take());
    if (raw > 0) {
      raw -= 1;
      post({ type: "drafts", drafts: batch });
    } else {
      credits -= 1;
      post({ type: "papers", papers: batch.map((draft) => derive(draft, job.tldr)) });
    }
  };
  let batch: PaperDraft[] = [];
  for await (const draft of reader.drafts("from" in start ? start.from : 0)) {
    batch.push(draft);
    if (batch.length === FEED_BATCH) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
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
