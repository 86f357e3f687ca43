export type { ChannelSettings, Destination, DestinationIdentity, DestinationKind } from "../domain/destination.js";
export type { Delivery, DeliveryState, EnqueueRequest } from "../domain/delivery.js";
export type { DumpRecord } from "../domain/dump.js";
export type { NewPaper, Paper } from "../domain/paper.js";
export type { Rhythm, Subscription } from "../domain/subscription.js";
export type { SourcePage, SourceState } from "../domain/source.js";
export { INTERRUPTED } from "../domain/delivery.js";
export { publicAddress } from "../domain/destination.js";
export { isStoreFailure, storeWriteError } from "./database.js";
export { openStore } from "./sqlite.js";
export { openSearchReader, type SearchReader } from "./reader.js";
export type {
  DeliveryListing,
  DeliveryRepository,
  DestinationRepository,
  DumpRepository,
  FirstRunState,
  ForYouSubscription,
  Forgotten,
  PeopleRepository,
  Person,
  Verdict,
  PaperRepository,
  SourceRepository,
  Store,
  StoreStatus,
  SubscriptionRepository,
} from "./types.js";
