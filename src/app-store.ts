import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, relative } from "node:path";
import type { Config } from "./config/index.js";
import { PaperbotError } from "./errors.js";
import { openStore, type Store, type StoreStatus } from "./store/index.js";

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
 * Creates the data dir (see prepareDataDir) and opens the store, declaring nothing: what a command
 * that only reads (`status`, `search`) needs. `openConfiguredStore` (app-channels.ts) also
 * declares the configured channels.
 */
export function openStoreAsConfigured(config: Config): Store {
  prepareDataDir(config, false);
  return openStore(config.dbPath);
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
