import { connectionOf } from "../../src/store/sqlite.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MatcherCache } from "../../src/delivery/planner.js";
import { openStore, type Store } from "../../src/store/index.js";

let store: Store | undefined;
afterEach(() => store?.close());

describe("MatcherCache", () => {
  it("GIVEN one subscription paused and another resumed (same counts) THEN the matcher follows the active set", () => {
    store = openStore(join(mkdtempSync(join(tmpdir(), "paperbot-cache-")), "p.db"));
    const s = store;
    const at = new Date("2025-12-20T12:00:00Z");
    const add = (user: string): number => {
      const dest = s.destinations.ensure({ platform: "console", kind: "dm", address: user }, "instant", at);
      return s.subscriptions.add({ platform: "console", ownerId: user, destinationId: dest.id, query: "attention", rhythm: "instant" }, at);
    };
    const ada = add("ada");
    const bob = add("bob");
    connectionOf(s).prepare("UPDATE subscriptions SET status = 'paused' WHERE id = ?").run(bob);
    const cache = new MatcherCache();
    expect([...cache.get(s).subscriptions.keys()]).toEqual([ada]);
    connectionOf(s).prepare("UPDATE subscriptions SET status = CASE id WHEN ? THEN 'paused' ELSE 'active' END").run(ada);
    expect([...cache.get(s).subscriptions.keys()]).toEqual([bob]);
  });
});
