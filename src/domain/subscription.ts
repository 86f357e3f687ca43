export type Rhythm = "instant" | "daily" | "weekly";

/** A standing query of a person (delivered to their DMs) or of a channel. */
export interface Subscription {
  id: number;
  platform: string;
  ownerId: string;
  destinationId: number;
  query: string;
  rhythm: Rhythm;
  status: "active" | "paused";
  statusReason: string | null;
  createdAt: string;
}
