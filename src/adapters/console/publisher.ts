import type { Publisher, PublishResult } from "../../delivery/publisher.js";
import type { DigestMessage } from "../../messages/index.js";
import type { Destination } from "../../domain/destination.js";
import { renderDigest } from "./render.js";

/** The embedded default platform: digests printed as text, channels as `#name`, people as `@name`. */
export class ConsolePublisher implements Publisher {
  readonly platform = "console";

  constructor(private readonly write: (text: string) => void) {}

  async publish(destination: Destination, message: DigestMessage): Promise<PublishResult> {
    const target = destination.kind === "dm" ? `@${destination.address} (DM)` : `#${destination.address}`;
    this.write(renderDigest(target, message));
    return { ok: true, ref: null };
  }
}
