import { parentPort, workerData } from "node:worker_threads";
import { openTextReader } from "../store/reader.js";
import { answer, type RecommendReply, type RecommendRequest } from "./pool.js";
import { Recommender } from "./recommender.js";

/* Worker thread of the recommender (./pool.ts): one read-only connection (the store's text reader), one warm recommender, its requests in turn. */
const reader = openTextReader((workerData as { dbPath: string }).dbPath);
const recommender = new Recommender(reader.texts);
parentPort?.on("message", (request: RecommendRequest) => {
  let reply: RecommendReply;
  try {
    reply = { id: request.id, value: answer(recommender, request) };
  } catch (error) {
    reply = { id: request.id, bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort?.postMessage(reply);
});
