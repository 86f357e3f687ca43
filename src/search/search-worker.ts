import { parentPort, workerData } from "node:worker_threads";
import { openSearchReader } from "../store/index.js";
import type { SearchReply, SearchRequest } from "./pool.js";
import { searchText } from "./repository.js";

/* Worker thread of the search pool: one read-only connection, its searches run in turn. */
const reader = openSearchReader((workerData as { dbPath: string }).dbPath);
parentPort?.on("message", (request: SearchRequest) => {
  let reply: SearchReply;
  try {
    reply = { id: request.id, outcome: searchText(reader.search, request.text, request.options) };
  } catch (error) {
    reply = { id: request.id, bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort?.postMessage(reply);
});
