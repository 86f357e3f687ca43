import { openDatabase, type Db } from "./database.js";
import { DeliveryStore } from "./deliveries.js";
import { DestinationStore, publicAddress } from "./destinations.js";
import { DumpStore } from "./dumps.js";
import { PaperStore } from "./papers.js";
import { SubscriptionStore } from "./subscriptions.js";

export type { Db } from "./database.js";
export type { Delivery, DeliveryState, EnqueueRequest } from "./deliveries.js";
export type { ChannelSettings, Destination, DestinationIdentity, DestinationKind } from "./destinations.js";
export type { DumpRecord } from "./dumps.js";
export type { NewPaper, Paper } from "./papers.js";
export type { Rhythm, Subscription } from "./subscriptions.js";
export { DeliveryStore, INTERRUPTED } from "./deliveries.js";
export { DestinationStore, publicAddress } from "./destinations.js";
export { DumpStore } from "./dumps.js";
export { PaperStore, toPaper } from "./papers.js";
export { SubscriptionStore } from "./subscriptions.js";

/** One open store: the connection and its repositories, closed together. */
export interface Store {
  db: Db;
  papers: PaperStore;
  dumps: DumpStore;
  destinations: DestinationStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  close(): void;
}

export function openStore(path: string): Store {
  const db = openDatabase(path);
  return {
    db,
    papers: new PaperStore(db),
    dumps: new DumpStore(db),
    destinations: new DestinationStore(db),
    subscriptions: new SubscriptionStore(db),
    deliveries: new DeliveryStore(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Counts for `paperbot status`. */
export function storeStatus(store: Store) {
  const one = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;
  const deliveries = store.deliveries.countByState();
  return {
    papers: one("SELECT count(*) AS n FROM papers"),
    dumps: one("SELECT count(*) AS n FROM dumps WHERE status = 'ingested'"),
    rejectedDumps: one("SELECT count(*) AS n FROM dumps WHERE status = 'rejected'"),
    sightings: one("SELECT count(*) AS n FROM sightings"),
    subscriptions: store.subscriptions.count(),
    destinations: store.destinations.all().map((d) => ({
      id: d.id,
      platform: d.platform,
      kind: d.kind,
      address: publicAddress(d),
      status: d.status,
      reason: d.statusReason,
      schedule: d.schedule,
      digest: d.digestEnabled,
    })),
    deliveries,
  };
}
