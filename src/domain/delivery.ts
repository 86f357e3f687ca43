/** Marks rows that were being sent when the process died: the platform may already have them. */
export const INTERRUPTED = "interrupted while sending";

export type DeliveryState = "pending" | "sending" | "sent" | "failed" | "dead" | "skipped";

/** One (paper, destination) row of the outbox. */
export interface Delivery {
  id: number;
  paperId: number;
  destinationId: number;
  reason: "digest" | "subscription";
  subscriptionIds: number[];
  matched: readonly string[];
  state: DeliveryState;
  dueAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /**
   * Set when the row is first handed to a platform: the idempotency key of that batch. A batch
   * that may have reached the platform is always retried whole under the same key.
   */
  batchKey: string | null;
}

export interface EnqueueRequest {
  paperId: number;
  destinationId: number;
  reason: "digest" | "subscription";
  subscriptionIds: number[];
  matched: readonly string[];
  dueAt: Date;
}
