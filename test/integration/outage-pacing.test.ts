import { describe, expect, it } from "vitest";
import { checkWindow, measureDelivery, PLATFORM_LIMITS } from "../../bench/delivery.js";
import { Pacer } from "../../src/delivery/pacing.js";
import { DISCORD_PACING } from "../../src/adapters/discord/limits.js";

/** Virtual time for the Pacer: a wait moves the clock, so schedules are exact and instant. */
function virtualPacer(): { pacer: Pacer; now: () => number } {
  let now = 0;
  const pacer = new Pacer(DISCORD_PACING, () => now, async (ms) => {
    now += ms;
  });
  return { pacer, now: () => now };
}

describe("the platforms' pacing", () => {
  it("GIVEN Discord's 50/s shared by many channels THEN sends go 20 ms apart, and the 51st waits out the window plus its margin", async () => {
    const { pacer, now } = virtualPacer();
    const times: number[] = [];
    for (let i = 0; i < 52; i += 1) {
      await pacer.acquire(`channel-${i}`);
      times.push(now());
    }
    expect(times.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i * 20));
    expect(times.slice(50)).toEqual([1_050, 1_070]);
  });

  it("GIVEN Discord's 5 per 5 s in one channel THEN the 6th send waits 5 s plus the margin after the 1st", async () => {
    const { pacer, now } = virtualPacer();
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await pacer.acquire("channel");
      times.push(now());
    }
    expect(times).toEqual([0, 20, 40, 60, 80, 5_050]);
  });
});

/*
 * The bounded version of `npm run bench`'s delivery table (bench/delivery.ts): real adapters and
 * real SQLite against the fakes. The fakes do not enforce limits, so besides the 429s they answered,
 * their recorded arrival times are checked against the platforms' published limits.
 */
describe("pacing against the fakes keeps every post under the platforms' limits", () => {
  it("GIVEN a 2-part digest for each of 60 Discord channels THEN all 120 posts go out, no 429, no channel over 5 per 5 s, none over 50/s in all", async () => {
    // 10 papers: two messages of five cards (each card with its row of feedback buttons)
    const m = await measureDelivery({ platform: "discord", channels: 60, papers: 10 });
    expect(m.sent).toBe(m.rows);
    expect([...m.postsByChannel.values()].map((t) => t.length)).toEqual(Array(60).fill(2));
    expect(m.answered429).toBe(0);
    for (const times of m.postsByChannel.values()) expect(checkWindow(times, { count: 5, windowMs: 5_000 }).max).toBeLessThanOrEqual(5);
    expect(m.global).toMatchObject({ over: 0 });
    expect(m.global.max).toBeLessThanOrEqual(50);
    // 120 posts at 50/s cannot take less than 2.4 s; the bench reports how close it comes.
    expect(m.wallMs).toBeGreaterThanOrEqual(2_000);
  });

  it("GIVEN digests of 8 parts to each of 3 Discord channels THEN each channel's 6th post waits out its 5 s window (no 429)", async () => {
    // 40 papers: digests of 25 and 15, five cards a message: 5 + 3 parts
    const m = await measureDelivery({ platform: "discord", channels: 3, papers: 40 });
    expect(m.sent).toBe(m.rows);
    expect(m.answered429).toBe(0);
    for (const times of m.postsByChannel.values()) {
      expect(times).toHaveLength(8);
      const sorted = [...times].sort((a, b) => a - b);
      expect((sorted[5] ?? 0) - (sorted[0] ?? 0)).toBeGreaterThanOrEqual(5_000);
      expect(checkWindow(times, PLATFORM_LIMITS.discord.perDestination)).toEqual({ max: 5, over: 0 });
    }
    expect(m.wallMs).toBeLessThan(3 * m.floorMs);
  });

  it("GIVEN a 2-part digest for each of 30 Slack channels THEN no 429 and a channel's second part comes a second after its first", async () => {
    const m = await measureDelivery({ platform: "slack", channels: 30, papers: 25 });
    expect(m.sent).toBe(m.rows);
    expect(m.answered429).toBe(0);
    for (const times of m.postsByChannel.values()) {
      expect(times).toHaveLength(2);
      expect(checkWindow(times, PLATFORM_LIMITS.slack.perDestination)).toEqual({ max: 1, over: 0 });
    }
    expect(m.global.over).toBe(0);
  });
});
