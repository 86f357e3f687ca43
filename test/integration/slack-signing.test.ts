/** Signed requests to the Slack HTTP receiver: the window is bounded both ways and a request runs once. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nowSeconds, signedSlashCommand, staleTimestamp } from "../fakes/slack/index.js";
import { SIGNATURE_WINDOW_SECONDS, SignatureMemory } from "../../src/adapters/slack/request-guard.js";
import { MEMBER, SECRET, startHarness, type Harness } from "./slack-harness.js";

describe("Slack request signatures over HTTP", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("http");
  });
  afterEach(async () => {
    await h.close();
  });

  const helpFields = () => h.fake.slashCommand({ text: "help", user_id: MEMBER.id, user_name: MEMBER.name, response_url: h.fake.newResponseUrl() });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  it("GIVEN the same signed request sent twice THEN the first runs and the replay gets 401 and runs nothing", async () => {
    const fields = helpFields();
    const timestamp = nowSeconds();
    const first = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp });
    await h.fake.waitForResponse((r) => r.url === fields.response_url);
    const replay = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp });
    expect([first.status, replay.status]).toEqual([200, 401]);
    await settle();
    expect(h.fake.responses.filter((r) => r.url === fields.response_url)).toHaveLength(1);
  });

  it("GIVEN a correctly signed request dated six minutes ahead THEN it gets 401 and runs nothing", async () => {
    const fields = helpFields();
    const ahead = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp: nowSeconds() + 6 * 60 });
    expect(ahead.status).toBe(401);
    await settle();
    expect(h.fake.responses).toHaveLength(0);
  });

  it("GIVEN requests within the window (a minute ahead, four minutes old) THEN each is answered once", async () => {
    for (const timestamp of [nowSeconds() + 60, nowSeconds() - 4 * 60]) {
      const fields = helpFields();
      const res = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp });
      expect(res.status).toBe(200);
      await h.fake.waitForResponse((r) => r.url === fields.response_url);
    }
    expect(h.fake.responses).toHaveLength(2);
  });

  it("GIVEN a bad signature or a stale one THEN bolt still refuses it, and a replay of a refused request is refused too", async () => {
    const fields = helpFields();
    const bad = await signedSlashCommand(h.eventsUrl, SECRET, fields, { signWithSecret: "another-secret" });
    const stale = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp: staleTimestamp() });
    const staleAgain = await signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp: staleTimestamp() });
    expect([bad.status, stale.status, staleAgain.status]).toEqual([401, 401, 401]);
    await settle();
    expect(h.fake.responses).toHaveLength(0);
  });
});

describe("the signature memory", () => {
  it("GIVEN a remembered signature THEN a replay inside the window is refused and memory ends when the request would be stale", () => {
    const memory = new SignatureMemory();
    expect(memory.remember("v0=aa", 1_000, 1_000)).toBe(true);
    expect(memory.remember("v0=aa", 1_000, 1_000 + SIGNATURE_WINDOW_SECONDS)).toBe(false);
    expect(memory.remember("v0=bb", 1_000, 1_001)).toBe(true);
    expect(memory.remember("v0=aa", 1_000, 1_001 + SIGNATURE_WINDOW_SECONDS)).toBe(true);
  });
});
