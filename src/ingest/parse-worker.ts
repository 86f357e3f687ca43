import { parentPort, workerData } from "node:worker_threads";
import { readDump } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import type { ParseJob, ParseResult } from "./parse.js";

/* Worker thread: reads one dump's bytes and posts the papers back (see parse.ts). */
const job = workerData as ParseJob;
let result: ParseResult;
try {
  result = { ok: true, parsed: readDump(Buffer.from(job.bytes), { name: job.name, referenceTime: new Date(job.referenceTime) }) };
} catch (error) {
  result = isPaperbotError(error)
    ? { ok: false, error: { code: error.code, message: error.message, where: error.where ?? null } }
    : { ok: false, bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
parentPort?.postMessage(result);
