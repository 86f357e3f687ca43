import { parentPort, workerData } from "node:worker_threads";
import type { SearchReply, SearchRequest } from "../search/pool.js";
import { searchText } from "../search/repository.js";
import { openSearchReader } from "./reader.js";

/* Worker thread of the search pool (src/search/pool.ts): one read-only connection, its searches in turn. */
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
