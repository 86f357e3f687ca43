import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";
import { ADMIN, command, discordApp, startAdapter } from "./discord-harness.js";
import { ADMIN as SLACK_ADMIN, CHANNEL, startHarness, type Harness } from "./slack-harness.js";

const footerIds = (embeds: unknown[]): number[] =>
  (embeds as { footer?: { text?: string } }[]).map((e) => Number(/^#(\d+) /.exec(e.footer?.text ?? "")?.[1] ?? -1));

describe("digests in a thread", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("GIVEN thread:on on Discord THEN the digest is one header in the channel and every paper in the thread started on it", async () => {
    const fake = await FakeDiscord.start();
    const t = discordApp(fake, tempDataDir());
    const adapter: PlatformAdapter = await startAdapter(t.app);
    cleanup = async () => {
      await adapter.stop();
      await fake.close();
      t.app.close();
    };
    const { message } = await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant", thread: "on" }, ...ADMIN });
    expect(message.content).toContain("each digest in a thread");
    copyFileSync(SAMPLES[3] ?? "", join(t.app.config.inboxDir, "d.txt"));
    const report = await runCycle(t.app, t.clock.now());
    expect(report.delivered.failed + report.delivered.dead).toBe(0);
    const inChannel = fake.messagesIn(fake.defaultChannelId).filter((m) => m.meta.via !== "interaction");
    expect(inChannel).toHaveLength(1);
    const header = inChannel[0];
    expect(header?.embeds).toEqual([]);
    const count = Number(/(\d+) papers? in the thread/.exec(header?.content ?? "")?.[1]);
    const inThread = fake.messagesIn(header?.id ?? "");
    const ids = inThread.flatMap((m) => footerIds(m.embeds));
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(inThread.every((m) => m.meta.enforceNonce)).toBe(true);
  });

  it("GIVEN thread:on on Slack THEN the digest is one header in the channel and every paper in replies with its thread_ts", async () => {
    const h: Harness = await startHarness("http");
    cleanup = () => h.close();
    const set = await h.command("/papers channel set instant thread:on", SLACK_ADMIN);
    expect(set.text).toContain("each digest in a thread");
    h.dropSample(3);
    const report = await runCycle(h.app, h.app.clock.now());
    expect(report.delivered.failed + report.delivered.dead).toBe(0);
    const all = h.fake.messagesIn(CHANNEL);
    const top = all.filter((m) => m.thread_ts === undefined);
    expect(top).toHaveLength(1);
    const header = top[0];
    const count = Number(/(\d+) papers? in the thread/.exec(header?.text ?? "")?.[1]);
    const replies = all.filter((m) => m.thread_ts === header?.ts);
    const meta = /^▲ \d+ · #(\d+)(?: ·|$)/;
    const ids = replies.flatMap((m) =>
      (m.blocks ?? [])
        .filter((b) => b["type"] === "context")
        .flatMap((b) => (b["elements"] as { text?: string }[]).map((e) => meta.exec(e.text ?? "")?.[1]))
        .filter((id): id is string => id !== undefined),
    );
    expect(count).toBeGreaterThan(0);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
  });
});
