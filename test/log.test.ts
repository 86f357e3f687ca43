import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../src/adapters/index.js";
import { createLogger, stripAnsi, type LoggerOptions } from "../src/log.js";

const SECRET = "MTI5MDAwMDAwMDAwMDAwMDAwMQ.fake.discord-bot-token";
const clock = (): Date => new Date("2026-11-28T12:00:00.000Z");

function capture(options: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const redactions = PLATFORMS.flatMap((p) => [...p.redactions]);
  const log = createLogger((line) => lines.push(line), { level: "info", secrets: [SECRET], redactions, clock, ...options });
  return { log, lines };
}

describe("logger", () => {
  it("GIVEN the json format THEN every line is one JSON object with level, time, pid, msg and the fields", () => {
    const { log, lines } = capture({ format: "json" });
    log.info("ingested a dump", { path: "/inbox/a.txt", papers: 3 });
    log.warn("slow");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith("\n") && line.indexOf("\n") === line.length - 1).toBe(true);
    const first = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(first).toMatchObject({ level: "info", time: "2026-11-28T12:00:00.000Z", msg: "ingested a dump", path: "/inbox/a.txt", papers: 3 });
    expect(first["pid"]).toBe(process.pid);
    expect(JSON.parse(lines[1] ?? "")).toMatchObject({ level: "warn", msg: "slow" });
  });

  it("GIVEN the default format THEN lines read `time level message key=value`", () => {
    const { log, lines } = capture();
    log.info("connected");
    log.error("scan failed", { path: "/in box/a.txt", attempt: 2 });
    expect(lines).toEqual([
      "2026-11-28T12:00:00.000Z info  connected\n",
      '2026-11-28T12:00:00.000Z error scan failed path="/in box/a.txt" attempt=2\n',
    ]);
  });

  it("GIVEN level warn THEN debug and info are dropped; GIVEN level debug THEN debug lines are written", () => {
    const quiet = capture({ level: "warn" });
    quiet.log.debug("d");
    quiet.log.info("i");
    quiet.log.warn("w");
    quiet.log.error("e");
    expect(quiet.lines.map((l) => l.split(" ")[1])).toEqual(["warn", "error"]);
    const loud = capture({ level: "debug", format: "json" });
    loud.log.debug("scan: nothing new");
    expect(JSON.parse(loud.lines[0] ?? "")).toMatchObject({ level: "debug", msg: "scan: nothing new" });
  });

  it("GIVEN secrets in the message, in field values, in secret-named fields and in errors THEN none is written in either format", () => {
    for (const format of ["json", "human"] as const) {
      const { log, lines } = capture({ format });
      log.error(`login failed with ${SECRET}`, {
        token: "any-value-at-all",
        nested: { header: `Bot ${SECRET}`, list: [SECRET] },
        cause: new Error(`401 for ${SECRET}`),
        slack: "xoxb-1234567890-abcdefghij",
        hook: "https://discord.com/api/webhooks/123456/abcdefSECRETwebhooktoken",
      });
      const text = lines.join("");
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("any-value-at-all");
      expect(text).not.toContain("xoxb-1234567890");
      expect(text).not.toContain("abcdefSECRETwebhooktoken");
      expect(text).toContain("[redacted]");
      expect(text).toContain("login failed with");
    }
  });

  it("GIVEN a library line with ANSI colours THEN stripAnsi leaves the words", () => {
    expect(stripAnsi("\u001b[33m[2026] WARN\u001b[0m task still running")).toBe("[2026] WARN task still running");
  });
});
