import { beginBulkLoad, openDatabase, type Db } from "./database.js";
import { DeliveryStore } from "./deliveries.js";
import { DestinationStore } from "./destinations.js";
import { publicAddress } from "../domain/destination.js";
import { DumpStore } from "./dumps.js";
import { DatabaseFileIdentity } from "./file-identity.js";
import { PaperStore } from "./papers.js";
import { PeopleStore } from "./people.js";
import { SqliteSearch } from "./search.js";
import { SourceStore } from "./sources.js";
import { SubscriptionStore } from "./subscriptions.js";
import type { Store, StoreStatus } from "./types.js";

/** Connections of open stores, for `connectionOf` only: the Store itself hands none out. */
const connections = new WeakMap<Store, Db>();

/** A store over an open SQLite connection (schema already migrated by `openDatabase`). */
export function sqliteStore(db: Db): Store {
  const deliveries = new DeliveryStore(db);
  const subscriptions = new SubscriptionStore(db);
  const destinations = new DestinationStore(db);
  const sources = new SourceStore(db);
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const identity = db.memory ? null : new DatabaseFileIdentity(db.name);
  const firstRunRow = db.prepare<[], { value: string }>("SELECT value FROM store_state WHERE key = 'first_run_done'");
  const markFirstRun = db.prepare("INSERT OR IGNORE INTO store_state (key, value) VALUES ('first_run_done', ?)");
  const papers = new PaperStore(db);
  const store: Store = {
    papers,
    dumps: new DumpStore(db),
    destinations,
    subscriptions,
    deliveries,
    people: new PeopleStore(db),
    sources,
    search: new SqliteSearch(db),
    firstRun: {
      pending: () => firstRunRow.get() === undefined,
      markDone: (at) => void markFirstRun.run(at.toISOString()),
    },
    location: db.name,
    transaction: <T>(fn: () => T): T => {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        papers.forgetCandidates();
        throw error;
      }
    },
    beginBulkLoad: () => beginBulkLoad(db),
    fileChange: () => identity?.change() ?? null,
    status: (): StoreStatus => ({
      papers: count("SELECT count(*) AS n FROM papers"),
      dumps: count("SELECT count(*) AS n FROM dumps WHERE status = 'ingested'"),
      rejectedDumps: count("SELECT count(*) AS n FROM dumps WHERE status = 'rejected'"),
      sightings: count("SELECT count(*) AS n FROM sightings"),
      subscriptions: subscriptions.count(),
      destinations: destinations.all().map((d) => ({
        id: d.id,
        platform: d.platform,
        kind: d.kind,
        address: publicAddress(d),
        status: d.status,
        reason: d.statusReason,
        schedule: d.schedule,
        digest: d.digestEnabled,
      })),
      deliveries: deliveries.countByState(),
      sources: sources.all(),
    }),
    close: () => {
      if (db.open) db.close();
    },
  };
  connections.set(store, db);
  return store;
}

/** Opens (creating when missing) the SQLite store at `path` and brings its schema up to date. */
export function openStore(path: string): Store {
  return sqliteStore(openDatabase(path));
}

/**
 * The SQLite connection under a store, for tests that inspect rows or inject faults (triggers,
 * page limits). Outside `src/store` only tests may call it: lint refuses it in the rest of `src/`.
 */
export function connectionOf(store: Store): Db {
  const db = connections.get(store);
  if (db === undefined) throw new Error("not a SQLite store");
  return db;
}
