import type { DigestMessage } from "../messages/index.js";
import type { Destination } from "../domain/destination.js";

/** The outcome of one publish: sent, or why not and whether trying again can help. */
export type PublishResult =
  | { ok: true; ref: string | null }
  | {
      ok: false;
      reason: string;
      /** Retrying cannot help (bad payload, destination gone); the rows die. */
      permanent: boolean;
      /** The destination itself is unusable (channel deleted, DMs closed): disable it. */
      destinationGone?: boolean;
      /** Honour the platform's wait before the next attempt. */
      retryAfterMs?: number;
    };

/** What the worker knows about a publish beyond the message. */
export interface PublishContext {
  /**
   * Some rows were being sent when the process died: parts may already be on the platform, so a
   * publisher that can look (Slack's channel history) should reconcile before sending.
   */
  resumed: boolean;
}

/**
 * What the delivery worker needs from a platform adapter. Declared here, where it is used; each
 * adapter implements it and main.ts registers one per platform.
 */
export interface Publisher {
  readonly platform: string;
  /**
   * Posts a digest to a destination. `idempotencyKey` is stable for the same rows, so a resend
   * after a crash can be recognised by platforms that support it.
   */
  publish(
    destination: Destination,
    message: DigestMessage,
    idempotencyKey: string,
    context?: PublishContext,
  ): Promise<PublishResult>;
}
