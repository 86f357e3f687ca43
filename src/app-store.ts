import { mkdirSync } from "node:fs";
import type { Config } from "./config/index.js";
import { disableUnusable } from "./delivery/settings.js";
import { PaperbotError } from "./errors.js";
import type { Logger } from "./log.js";
import { isStoreFailure, openStore, storeWriteError, type Store } from "./store/index.js";

/*
 * Part of the composition root: the store as the configuration describes it, without the rest of
 * the bot. What `openApp` starts from, and all that `paperbot status` needs (so it loads no search,
 * ingest or delivery code).
 */

function ensureDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot create the directory: ${code}`, path, { cause: error });
  }
}

/** Declares the config file's channels (settings from the file win) and the console channels. */
function declareDestinations(store: Store, config: Config, now: Date): void {
  store.transaction(() => {
    for (const name of config.console.channels) {
      const existing = store.destinations.find("console", "channel", name);
      if (existing !== undefined) continue;
      const dest = store.destinations.ensure({ platform: "console", kind: "channel", address: name }, "instant", now);
      store.destinations.configure(
        dest.id,
        { schedule: "instant", timeZone: null, minUpvotes: 0, filter: null, digestEnabled: true },
        now,
      );
    }
    for (const channel of config.channels) {
      const kind = channel.webhookUrl === undefined ? "channel" : "webhook";
      const address = channel.webhookUrl ?? channel.id ?? "";
      const dest = store.destinations.ensure({ platform: channel.platform, kind, address }, config.digest.schedule, now);
      store.destinations.configure(
        dest.id,
        {
          schedule: channel.schedule ?? config.digest.schedule,
          timeZone: channel.timeZone ?? null,
          minUpvotes: channel.minUpvotes ?? 0,
          filter: channel.filter ?? null,
          digestEnabled: true,
          ...(channel.thread === undefined ? {} : { thread: channel.thread }),
        },
        now,
      );
      if (dest.status === "disabled") store.destinations.enable(dest.id, now);
    }
  });
}

/** Creates the data and inbox directories, opens the store and declares the configured channels. */
export function openConfiguredStore(config: Config, log: Logger, now: Date): Store {
  ensureDir(config.dataDir);
  ensureDir(config.inboxDir);
  const store = openStore(config.dbPath);
  try {
    declareDestinations(store, config, now);
    disableUnusable(store, log, now);
  } catch (error) {
    store.close();
    // Another process holding the write lock (a long ingest) is told as such, not as a bug.
    throw isStoreFailure(error) ? storeWriteError(error, "could not record the configured channels", "channels", config.dbPath) : error;
  }
  return store;
}
