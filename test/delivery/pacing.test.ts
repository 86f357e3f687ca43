import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Pacer } from "../../src/delivery/pacing.js";

/** Fake timers: the test measures the schedule the pacer produces, not the machine's speed. */
function virtualTime() {
  const start = Date.now();
  return {
    clock: () => Date.now(),
    wait: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now() - start,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const result = promise.finally(() => (done = true));
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return result;
}

describe("Pacer", () => {
  it("GIVEN 5 per 5 s per channel WHEN 12 sends go to one channel THEN they spread over 10 s", async () => {
    const t = virtualTime();
    const pacer = new Pacer({ perDestination: { count: 5, windowMs: 5_000 }, global: { count: 50, windowMs: 1_000 } }, t.clock, t.wait);
    const times: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      await settle(pacer.acquire("c1"));
      times.push(t.now());
    }
    expect(times).toEqual([0, 0, 0, 0, 0, 5_000, 5_000, 5_000, 5_000, 5_000, 10_000, 10_000]);
  });

  it("GIVEN a global limit WHEN many channels send at once THEN no window holds more than the limit", async () => {
    const t = virtualTime();
    const pacer = new Pacer({ perDestination: { count: 1, windowMs: 1_000 }, global: { count: 50, windowMs: 1_000 } }, t.clock, t.wait);
    const times = await settle(Promise.all(Array.from({ length: 500 }, async (_, i) => {
      await pacer.acquire(`c${i}`);
      return t.now();
    })));
    times.sort((a, b) => a - b);
    for (let i = 50; i < times.length; i += 1) expect((times[i] ?? 0) - (times[i - 50] ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(times[times.length - 1]).toBeLessThanOrEqual(10_000);
  });

  it("GIVEN one slow channel THEN other channels are not held back", async () => {
    const t = virtualTime();
    const pacer = new Pacer({ perDestination: { count: 1, windowMs: 1_000 }, global: { count: 50, windowMs: 1_000 } }, t.clock, t.wait);
    await settle(pacer.acquire("busy"));
    const both = settle(Promise.all([pacer.acquire("busy").then(() => t.now()), pacer.acquire("quiet").then(() => t.now())]));
    expect(await both).toEqual([1_000, 0]);
  });

  it("GIVEN a send whose request takes 800 ms to reach the platform THEN the channel's next send waits a window after that send finished, not after it started", async () => {
    const t = virtualTime();
    const pacer = new Pacer({ perDestination: { count: 1, windowMs: 1_000, marginMs: 50 }, global: { count: 50, windowMs: 1_000 } }, t.clock, t.wait);
    const arrivals: number[] = [];
    // The first request is held up on a busy process for 800 ms before it arrives and is answered.
    const post = async (delayMs: number) => {
      await t.wait(delayMs);
      arrivals.push(t.now());
    };
    await settle(pacer.send("c1", () => post(800)));
    await settle(pacer.send("c1", () => post(0)));
    expect(arrivals).toEqual([800, 1_850]);
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(1_000);
  });
});
