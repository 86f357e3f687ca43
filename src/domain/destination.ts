export type DestinationKind = "channel" | "dm" | "webhook";

/**
 * Where papers are delivered: a platform channel, a person's DMs, or a webhook URL. Channel
 * settings (schedule, time zone, minimum upvotes, filter) live here; a destination the platform
 * refuses for good is `disabled` with its reason, and `notice` holds a message for its owner.
 */
export interface Destination {
  id: number;
  platform: string;
  kind: DestinationKind;
  address: string;
  workspace: string | null;
  label: string | null;
  schedule: string;
  timeZone: string | null;
  minUpvotes: number;
  filter: string | null;
  digestEnabled: boolean;
  /** Digests go out as a header message with the papers in its thread. */
  thread: boolean;
  status: "active" | "disabled";
  statusReason: string | null;
  notice: string | null;
  /** When it began receiving: papers from sources dated before this day are recorded, not announced. */
  createdAt: string;
  /** Declared by the config file (which then owns it), rather than set by a slash command. */
  declared: boolean;
}

/** Where a destination points, safe for logs and status: a webhook URL carries its secret, so it is hidden. */
export function publicAddress(destination: Pick<Destination, "kind" | "address">): string {
  return destination.kind === "webhook" ? "(webhook)" : destination.address;
}

export interface DestinationIdentity {
  platform: string;
  kind: DestinationKind;
  address: string;
  workspace?: string | null;
  label?: string | null;
}

export interface ChannelSettings {
  schedule: string;
  timeZone: string | null;
  minUpvotes: number;
  filter: string | null;
  digestEnabled: boolean;
  /** Digests in a thread under a header message; left as it is when absent. */
  thread?: boolean;
}
