import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { PaperbotError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { PlatformStates } from "../src/observe/platforms.js";
import { PlatformSupervisor, type Connectable } from "../src/supervisor.js";

/** A platform whose starts follow a script: "ok", "down" (unreachable) or "refused". */
function scripted(name: string, script: ("ok" | "down" | "refused")[]) {
  const attempts: number[] = [];
  let n = 0;
  const make = (): Connectable => ({
    name,
    start: async () => {
      attempts.push(Date.now());
      const step = script[Math.min(n, script.length - 1)];
      n += 1;
      if (step === "down") throw new Error("getaddrinfo ENOTFOUND discord.invalid");
      if (step === "refused") throw new PaperbotError("PLATFORM_REFUSED", "the token was refused (401)", "DISCORD_TOKEN");
    },
    stop: async () => {},
  });
  return { attempts, make };
}

function supervisor(overrides: { fatal?: (e: unknown) => void; graceMs?: number } = {}) {
  const lines: string[] = [];
  const states = new PlatformStates();
  const connected: string[] = [];
  const sup = new PlatformSupervisor({
    log: createLogger((l) => lines.push(l), { level: "debug", secrets: [] }),
    states,
    connected: (a) => connected.push(a.name),
    fatal: overrides.fatal ?? (() => {}),
    backoff: { firstMs: 50, capMs: 200 },
    graceMs: overrides.graceMs ?? 1_000,
    random: () => 0.5,
  });
  return { sup, lines, states, connected };
}

describe("platform supervisor", () => {
  it("GIVEN one platform unreachable twice and another fine THEN start returns after the first attempts, the fine one serves at once, the other connects on its third try with backoff", async () => {
    const { sup, lines, states, connected } = supervisor();
    const flaky = scripted("discord", ["down", "down", "ok"]);
    const fine = scripted("slack (Socket Mode)", ["ok"]);
    await sup.start([{ key: "discord", make: flaky.make }, { key: "slack", make: fine.make }]);
    expect(connected).toEqual(["slack (Socket Mode)"]);
    expect(states.get("discord")).toMatchObject({ state: "retrying", reason: "getaddrinfo ENOTFOUND discord.invalid" });
    expect(states.problems()).toEqual(["discord retrying: getaddrinfo ENOTFOUND discord.invalid"]);
    await sleep(600);
    expect(connected).toEqual(["slack (Socket Mode)", "discord"]);
    expect(states.get("discord")?.state).toBe("connected");
    expect(flaky.attempts).toHaveLength(3);
    const [a, b, c] = flaky.attempts;
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(45);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(95);
    expect(lines.filter((l) => l.includes("discord unreachable: getaddrinfo ENOTFOUND discord.invalid; retrying in 0."))).toHaveLength(2);
    expect(lines.some((l) => l.includes("discord connected (attempt 3)"))).toBe(true);
    await sup.stop();
  });

  it("GIVEN a refused token THEN start throws that refusal and the platform is marked stopped, not retried", async () => {
    const { sup, states } = supervisor();
    const refused = scripted("discord", ["refused"]);
    const error = await sup.start([{ key: "discord", make: refused.make }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaperbotError);
    expect((error as PaperbotError).describe()).toBe("the token was refused (401) (DISCORD_TOKEN)");
    expect(states.get("discord")?.state).toBe("stopped");
    await sleep(150);
    expect(refused.attempts).toHaveLength(1);
    await sup.stop();
  });

  it("GIVEN a platform unreachable then refused on a retry THEN the refusal is reported as fatal to the running bot", async () => {
    const fatal: unknown[] = [];
    const { sup } = supervisor({ fatal: (e) => fatal.push(e) });
    const revoked = scripted("discord", ["down", "refused"]);
    await sup.start([{ key: "discord", make: revoked.make }]);
    await sleep(300);
    expect(fatal).toHaveLength(1);
    expect((fatal[0] as PaperbotError).code).toBe("PLATFORM_REFUSED");
    await sup.stop();
  });

  it("GIVEN stop while a platform waits for its retry THEN no further attempt is made", async () => {
    const { sup } = supervisor();
    const down = scripted("discord", ["down"]);
    await sup.start([{ key: "discord", make: down.make }]);
    await sup.stop();
    await sleep(300);
    expect(down.attempts).toHaveLength(1);
  });
});
