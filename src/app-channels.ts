import { openStoreAsConfigured, REMOVED_FROM_CONFIG } from "./app-store.js";
import type { Config } from "./config/index.js";
import { disableUnusable } from "./delivery/settings.js";
import type { Logger } from "./log.js";
import { isStoreFailure, storeWriteError, type Store } from "./store/index.js";

/*
 * Part of the composition root: the store with the configuration's channels declared in it, for
 * the commands that write (and the bot). Apart from app-store.ts so that a command that only reads
 * loads no delivery or search code.
 */

/**
 * Declares the config file's channels (settings from the file win) and the console channels. The
 * file owns what it declares: a channel it declared before and no longer does is disabled with
 * the reason "removed from the config"; channels set by slash command are not the file's.
 */
function declareDestinations(store: Store, config: Config, now: Date): void {
  store.transaction(() => {
    const declared = new Set<number>();
    for (const name of config.console.channels) {
      const existing = store.destinations.find("console", "channel", name);
      if (existing !== undefined) {
        declared.add(existing.id);
        if (existing.status === "disabled" && existing.statusReason === REMOVED_FROM_CONFIG) store.destinations.enable(existing.id, now);
        continue;
      }
      const dest = store.destinations.ensure({ platform: "console", kind: "channel", address: name }, "instant", now);
      store.destinations.configure(
        dest.id,
        { schedule: "instant", timeZone: null, minUpvotes: 0, filter: null, digestEnabled: true },
        now,
      );
      declared.add(dest.id);
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
      declared.add(dest.id);
    }
    for (const dest of store.destinations.all()) {
      const owned = declared.has(dest.id);
      if (owned === dest.declared) continue;
      store.destinations.setDeclared(dest.id, owned);
      // No longer the file's: off, until the file declares it again or a slash command sets it (then it is the command's).
      if (!owned && dest.status === "active") store.destinations.disable(dest.id, REMOVED_FROM_CONFIG, now);
    }
  });
}

/**
 * Creates the data dir (see prepareDataDir), opens the store and declares the configured channels.
 * A read-only command (`status`, `search`) passes `{ readOnly: true }`: the config's channels are
 * then not written into the database, nor are destinations with stale settings disabled; the next
 * command that writes does both.
 */
export function openConfiguredStore(config: Config, log: Logger, now: Date, options: { readOnly?: boolean } = {}): Store {
  const store = openStoreAsConfigured(config);
  if (options.readOnly === true) return store;
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

