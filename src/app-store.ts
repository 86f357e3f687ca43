import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, relative } from "node:path";
import type { Config } from "./config/index.js";
import { disableUnusable } from "./delivery/settings.js";
import { PaperbotError } from "./errors.js";
import type { Logger } from "./log.js";
import { isStoreFailure, openStore, storeWriteError, type Store, type StoreStatus } from "./store/index.js";

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

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * The data dir is paperbot's own: it is created, with the inbox under it, when missing. A database
 * or inbox placed elsewhere (`--db`, `PAPERBOT_DB`, `PAPERBOT_INBOX_DIR`) must already have its
 * directory, so a typo is reported instead of growing a new tree; and pointing `--db` elsewhere
 * creates no `data/` in the working directory.
 */
export function prepareDataDir(config: Config, withInbox: boolean): void {
  const dbInData = inside(config.dataDir, config.dbPath);
  if (dbInData || (withInbox && inside(config.dataDir, config.inboxDir))) ensureDir(config.dataDir);
  if (dbInData) ensureDir(dirname(config.dbPath));
  if ((dbInData || withInbox) && inside(config.dataDir, config.inboxDir)) ensureDir(config.inboxDir);
}

/** Why a channel the config file declared before is off: shown by `status` and `/papers channel show`. */
export const REMOVED_FROM_CONFIG = "removed from the config";

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
  prepareDataDir(config, false);
  const store = openStore(config.dbPath);
  try {
    if (options.readOnly !== true) {
      declareDestinations(store, config, now);
      disableUnusable(store, log, now);
    }
  } catch (error) {
    store.close();
    // Another process holding the write lock (a long ingest) is told as such, not as a bug.
    throw isStoreFailure(error) ? storeWriteError(error, "could not record the configured channels", "channels", config.dbPath) : error;
  }
  return store;
}

/** The store's counts, with `held` apart: see {@link deliveryStatus}. */
export type DeliveryStatus = Omit<StoreStatus, "deliveries"> & { deliveries: StoreStatus["deliveries"] & { held: number } };

/**
 * The store's counts with `pending` meaning "will be sent": rows queued for a platform that does
 * not run with this configuration (`platforms`), or for a disabled destination, are counted as
 * `held` instead of pending or failed.
 */
export function deliveryStatus(store: Store, platforms: readonly string[]): DeliveryStatus {
  const status = store.status();
  const held = store.deliveries.countHeld(platforms);
  const { pending, failed } = status.deliveries;
  return {
    ...status,
    deliveries: { ...status.deliveries, pending: pending - held.pending, failed: failed - held.failed, held: held.pending + held.failed },
  };
}
