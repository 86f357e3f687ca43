import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DISCORD_DEFAULTS } from "../../src/adapters/discord/platform.js";
import { DEFAULTS, loadConfig } from "../../src/config/index.js";
import { stripJsonComments } from "../../src/config/jsonc.js";
import { PaperbotError } from "../../src/errors.js";

const cwd = mkdtempSync(join(tmpdir(), "paperbot-config-"));

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(PaperbotError);
    return (error as PaperbotError).message;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig", () => {
  it("GIVEN no environment THEN the embedded defaults use ./data and the console", () => {
    const config = loadConfig({}, cwd);
    expect(config.dataDir).toBe(resolve(cwd, "data"));
    expect(config.dbPath).toBe(resolve(cwd, "data", "paperbot.db"));
    expect(config.inboxDir).toBe(resolve(cwd, "data", "inbox"));
    expect(config.inboxCron).toBe(DEFAULTS.inboxCron);
    expect(config.discord).toBeNull();
    expect(config.slack).toBeNull();
    expect(config.httpPort).toBeNull();
    expect(config.console.channels).toEqual(["papers"]);
  });

  it("GIVEN empty variables THEN they count as unset", () => {
    const config = loadConfig({ DISCORD_TOKEN: "", PAPERBOT_HTTP_PORT: " ", PAPERBOT_DATA_DIR: "" }, cwd);
    expect(config.discord).toBeNull();
    expect(config.httpPort).toBeNull();
    expect(config.dataDir).toBe(resolve(cwd, "data"));
  });

  it("GIVEN several bad settings THEN every problem is reported at once, by key", () => {
    const message = problemsOf({
      PAPERBOT_HTTP_PORT: "eighty",
      PAPERBOT_INBOX_CRON: "every minute",
      PAPERBOT_TIME_ZONE: "Mars/Olympus",
      PAPERBOT_DISCORD_API_URL: "not a url",
    });
    expect(message).toContain("PAPERBOT_HTTP_PORT");
    expect(message).toContain("PAPERBOT_INBOX_CRON");
    expect(message).toContain("Mars/Olympus");
    expect(message).toContain("PAPERBOT_DISCORD_API_URL");
  });

  it("GIVEN a Slack bot token without a signing secret or app token THEN the missing secret is named", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-123" })).toContain("SLACK_SIGNING_SECRET");
  });

  it("GIVEN a secret in a setting THEN it is listed for redaction and never defaulted", () => {
    const config = loadConfig({ DISCORD_TOKEN: "token-abc-123", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, cwd);
    expect(config.secrets).toEqual(["token-abc-123", "xoxb-1", "xapp-1"]);
    expect(config.discord?.apiUrl).toBe(DISCORD_DEFAULTS.apiUrl);
    expect(config.slack?.signingSecret).toBeNull();
  });

  it("GIVEN a config file with an unknown key and a bad type THEN both keys are named", () => {
    const path = join(cwd, "bad.jsonc");
    writeFileSync(path, '{ // comment\n "inboxCron": 5, "colour": "blue" }');
    const message = problemsOf({ PAPERBOT_CONFIG: path });
    expect(message).toContain("inboxCron");
    expect(message).toContain("colour");
  });

  it("GIVEN a config file that is not JSON THEN the file is named", () => {
    const path = join(cwd, "broken.jsonc");
    writeFileSync(path, "{ inboxCron: ");
    expect(problemsOf({ PAPERBOT_CONFIG: path })).toContain("broken.jsonc");
  });

  it("GIVEN the shipped config file THEN it loads to the embedded defaults", () => {
    const shipped = resolve(import.meta.dirname, "../../config/paperbot.jsonc");
    const fromFile = loadConfig({ PAPERBOT_CONFIG: shipped }, cwd);
    const embedded = loadConfig({}, cwd);
    expect(fromFile).toEqual(embedded);
  });

  it("GIVEN environment and file THEN the environment wins", () => {
    const path = join(cwd, "tz.jsonc");
    writeFileSync(path, '{ "timeZone": "Europe/Berlin", "inboxCron": "*/5 * * * *" }');
    const config = loadConfig({ PAPERBOT_CONFIG: path, PAPERBOT_INBOX_CRON: "*/7 * * * * *" }, cwd);
    expect(config.timeZone).toBe("Europe/Berlin");
    expect(config.inboxCron).toBe("*/7 * * * * *");
  });
});

describe("stripJsonComments", () => {
  it("GIVEN comment markers inside strings THEN the strings are kept", () => {
    const text = '{ "url": "https://x.test/a//b", /* block */ "b": "/* not */", }';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ url: "https://x.test/a//b", b: "/* not */" });
  });

  it("GIVEN the shipped file THEN it is valid JSON once stripped", () => {
    const shipped = readFileSync(resolve(import.meta.dirname, "../../config/paperbot.jsonc"), "utf8");
    expect(() => JSON.parse(stripJsonComments(shipped))).not.toThrow();
  });
});
