import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../../src/adapters/index.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { PAPERBOT_ENV } from "../../src/config/own-env.js";
import { quickConfig, readConfig } from "../../src/config/quick.js";

const cwd = mkdtempSync(join(tmpdir(), "paperbot-quick-config-"));

/** What loadConfig yields, or the message it refuses with. */
function full(env: Record<string, string>): { config: Config } | { error: string } {
  try {
    return { config: loadConfig(env, cwd) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const KEYS = [...Object.keys(PAPERBOT_ENV).filter((k) => k !== "PAPERBOT_CONFIG"), ...PLATFORMS.flatMap((p) => Object.keys(p.env))];
/** Values of every kind, good and bad, blank and padded: what an operator might put in a variable. */
const VALUES = [
  "", " ", "x", " spaced ", "data/elsewhere", "0", "1", "80", "0080", "65535", "65536", "-1", "1.5", " 80", "abc",
  "true", "false", "yes", "no", "on", "off", "TRUE", "y", "maybe", "debug", "info", "warn", "error", "json", "human", "Info",
  "127.0.0.1", "0.0.0.0", "[::1]", "localhost", "http://127.0.0.1:9", "https://example.org/api/", " https://example.org ",
  "http:example.org", "not a url", "ftp://x", "Europe/Paris", "Mars/Olympus", "*/5 * * * *", "61 * * * *", "tok-abcdef",
];

describe("quickConfig", () => {
  it("GIVEN any environment without a config file THEN quickConfig yields exactly loadConfig's configuration, or leaves it to loadConfig", () => {
    let quick = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 6 }), (env) => {
        const read = quickConfig(env, cwd);
        const expected = full(env);
        if (read === null) return;
        quick += 1;
        expect(expected).toEqual({ config: read });
      }),
      { numRuns: 600, seed: 13 },
    );
    // The common case is the quick one: most of these environments are read without zod.
    expect(quick).toBeGreaterThan(50);
  });

  it("GIVEN no environment, or valid tokens and settings THEN it is read quickly and equals loadConfig's", () => {
    const envs = [
      {},
      { PAPERBOT_DATA_DIR: " /tmp/paperbot ", PAPERBOT_HTTP_PORT: "0", PAPERBOT_LOG_FORMAT: "json", PAPERBOT_INBOX_FOLLOW_SYMLINKS: "yes" },
      { DISCORD_TOKEN: "discord-token-1", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", PAPERBOT_SLACK_API_URL: "http://127.0.0.1:9/api/" },
    ];
    for (const env of envs) {
      const read = quickConfig(env, cwd);
      expect(read).not.toBeNull();
      expect(read).toEqual(loadConfig(env, cwd));
    }
  });

  it("GIVEN a config file, a bad value, a setting needing its checker or a missing Slack secret THEN it is left to loadConfig", async () => {
    const file = join(cwd, "paperbot.json");
    writeFileSync(file, "{}\n");
    for (const env of [
      { PAPERBOT_CONFIG: file },
      { PAPERBOT_HTTP_PORT: "eighty" },
      { PAPERBOT_INBOX_CRON: "*/5 * * * *" },
      { PAPERBOT_TIME_ZONE: "Europe/Paris" },
      { SLACK_BOT_TOKEN: "xoxb-1" },
    ]) {
      expect(quickConfig(env, cwd)).toBeNull();
    }
    await expect(readConfig({ PAPERBOT_HTTP_PORT: "eighty", SLACK_BOT_TOKEN: "xoxb-1" }, cwd)).rejects.toThrow(
      (full({ PAPERBOT_HTTP_PORT: "eighty", SLACK_BOT_TOKEN: "xoxb-1" }) as { error: string }).error,
    );
    await expect(readConfig({ PAPERBOT_CONFIG: file, PAPERBOT_TIME_ZONE: "Europe/Paris" }, cwd)).resolves.toEqual(
      loadConfig({ PAPERBOT_CONFIG: file, PAPERBOT_TIME_ZONE: "Europe/Paris" }, cwd),
    );
  });
});
