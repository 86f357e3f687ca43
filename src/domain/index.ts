export type { ChannelSettings, Destination, DestinationIdentity, DestinationKind } from "./destination.js";
export { publicAddress } from "./destination.js";
export type { Delivery, DeliveryState, EnqueueRequest } from "./delivery.js";
export { INTERRUPTED } from "./delivery.js";
export type { DumpRecord } from "./dump.js";
export type { NewPaper, Paper } from "./paper.js";
export type { Rhythm, Subscription } from "./subscription.js";
export type { SourcePage, SourceState } from "./source.js";
