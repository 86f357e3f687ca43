/**
 * `paperbot doctor` against the fake Discord and Slack over real HTTP: token, channels, the bot's
 * permissions, private-channel membership, webhooks, the database's integrity and each channel's
 * next digest time, as a ✔/✘ checklist with a fix under each ✘ and exit 1 when anything failed.
 */
import { openSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { FakeDiscord, PermissionBits } from "../fakes/discord/index.js";
import { FakeSlack } from "../fakes/slack/index.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function doctor(env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(["doctor", ...args], { out: (t) => (out += t), err: (t) => (err += t), env, cwd: process.cwd() });
  return { code, out, err };
}

function dataDirWith(config: unknown): { dir: string; env: Record<string, string> } {
  const dir = tempDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "paperbot.json"), JSON.stringify(config));
  return { dir, env: { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") } };
}

/** The checklist line that starts with `mark title` and the indented lines under it. */
function entry(out: string, mark: "✔" | "✘", title: string): string {
  const lines = out.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${mark} ${title}`));
  if (at < 0) throw new Error(`no "${mark} ${title}" line in:\n${out}`);
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !l.startsWith("    "));
  return [lines[at], ...rest.slice(0, end < 0 ? rest.length : end)].join("\n");
}

describe("paperbot doctor", () => {
  it("GIVEN Discord channels that work, lack permissions or are gone, and webhooks live and deleted THEN each gets ✔ or ✘ with a fix, permissions and next digest times, exit 1", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const good = fake.defaultChannelId;
    const muted = fake.addChannel("muted");
    fake.denyBotPermissions(muted, PermissionBits.SendMessages | PermissionBits.EmbedLinks);
    const gone = fake.addChannel("gone");
    fake.setChannelState(gone, "gone");
    const hook = fake.createWebhook(good);
    const { env } = dataDirWith({
      channels: [
        { platform: "discord", id: good, schedule: "daily 09:00", timeZone: "Europe/Berlin" },
        { platform: "discord", id: muted, schedule: "instant" },
        { platform: "discord", id: gone },
        { platform: "discord", webhookUrl: hook.url },
        { platform: "discord", webhookUrl: `${fake.apiUrl}/webhooks/123456789012345678/deleted-webhook-token` },
      ],
    });
    const { code, out } = await doctor({ ...env, DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(1);
    expect(out).toMatch(/^✔ config: /);
    expect(entry(out, "✔", "database")).toContain("created at the first start");
    expect(entry(out, "✔", "discord token")).toContain("valid (bot PaperBot");
    const ok = entry(out, "✔", `discord channel ${good} (config)`);
    expect(ok).toContain("#papers: View Channel ✔, Send Messages ✔, Embed Links ✔");
    expect(ok).toMatch(/next digest: \w{3}, \d{1,2} \w{3} \d{4}, 09:00 Europe\/Berlin \(daily 09:00\)/);
    const denied = entry(out, "✘", `discord channel ${muted} (config)`);
    expect(denied).toContain("Send Messages ✘, Embed Links ✘");
    expect(denied).toContain("fix: in #muted's settings → Permissions, allow paperbot: Send Messages, Embed Links");
    expect(denied).toContain("next digest: instant");
    expect(entry(out, "✘", `discord channel ${gone} (config)`)).toContain("unknown channel (deleted, or a wrong id)");
    expect(entry(out, "✔", "discord webhook #1 (config)")).toContain("valid");
    expect(entry(out, "✘", "discord webhook #2 (config)")).toContain("fix: create a new webhook");
    expect(out).not.toContain("deleted-webhook-token");
    expect(out).not.toContain(hook.token);
    expect(out.trimEnd().endsWith("3 checks failed")).toBe(true);
  });

  it("GIVEN a Discord token the API refuses THEN ✘ discord token names DISCORD_TOKEN and the channels are not checked, exit 1", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const { env } = dataDirWith({ channels: [{ platform: "discord", id: fake.defaultChannelId }] });
    const { code, out } = await doctor({ ...env, DISCORD_TOKEN: "MTI5.wrong.token-value", PAPERBOT_DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(1);
    const token = entry(out, "✘", "discord token");
    expect(token).toContain("refused (401 Unauthorized)");
    expect(token).toContain("set DISCORD_TOKEN");
    expect(entry(out, "✘", `discord channel ${fake.defaultChannelId}`)).toContain("not checked: no valid token");
  });

  it("GIVEN Slack channels public, private with and without the bot, archived, and a live webhook THEN membership is checked and private ones ask for /invite, exit 1", async () => {
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    slack.describeChannel("C0PUBLIC", { name: "papers" });
    slack.setChannelState("C0PUBLIC", "not_in_channel");
    slack.describeChannel("G0MEMBER", { name: "lab", isPrivate: true });
    slack.setChannelState("G0SECRET", "channel_not_found");
    slack.setChannelState("C0OLD", "is_archived");
    const { env } = dataDirWith({
      channels: [
        { platform: "slack", id: "C0PUBLIC" },
        { platform: "slack", id: "G0MEMBER" },
        { platform: "slack", id: "G0SECRET" },
        { platform: "slack", id: "C0OLD" },
        { platform: "slack", webhookUrl: slack.webhookUrl },
      ],
    });
    const { code, out } = await doctor({ ...env, SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, PAPERBOT_SLACK_API_URL: slack.apiUrl });
    expect(code).toBe(1);
    expect(entry(out, "✔", "slack token")).toContain("valid");
    expect(entry(out, "✔", "slack app token")).toContain("Socket Mode");
    expect(entry(out, "✔", "slack channel C0PUBLIC (config)")).toContain("#papers (public; the bot posts without joining");
    expect(entry(out, "✔", "slack channel G0MEMBER (config)")).toContain("#lab (private, the bot is a member)");
    expect(entry(out, "✘", "slack channel G0SECRET (config)")).toContain("fix: in the channel, run /invite @paperbot");
    expect(entry(out, "✘", "slack channel C0OLD (config)")).toContain("is archived");
    expect(entry(out, "✔", "slack webhook #1 (config)")).toContain("nothing posted");
    expect(slack.messages).toHaveLength(0);
    expect(out).toContain("next digest: ");
  });

  it("GIVEN a Slack bot token the API refuses THEN ✘ slack token names SLACK_BOT_TOKEN, exit 1", async () => {
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const { env } = dataDirWith({});
    const { code, out } = await doctor({ ...env, SLACK_BOT_TOKEN: "xoxb-not-the-right-one", SLACK_APP_TOKEN: slack.appToken, PAPERBOT_SLACK_API_URL: slack.apiUrl });
    expect(code).toBe(1);
    expect(entry(out, "✘", "slack token")).toContain("refused (invalid_auth)");
    expect(entry(out, "✘", "slack token")).toContain("SLACK_BOT_TOKEN");
  });

  it("GIVEN a healthy setup with an ingested database THEN every line is ✔, the integrity check passed and the exit is 0", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const { dir, env } = dataDirWith({ channels: [{ platform: "discord", id: fake.defaultChannelId, schedule: "weekly mon 08:30" }] });
    expect(await runCli(["ingest", ...SAMPLES], { out: () => {}, err: () => {}, env, cwd: dir })).toBe(0);
    const { code, out } = await doctor({ ...env, DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl });
    expect(out).not.toContain("✘");
    expect(code).toBe(0);
    expect(entry(out, "✔", "database")).toMatch(/integrity ok, \d+ papers/);
    expect(out).toMatch(/next digest: Mon, .* 08:30 UTC \(weekly mon 08:30\)/);
    expect(out.trimEnd().endsWith("all checks passed")).toBe(true);
  });

  it("GIVEN a damaged database file THEN ✘ database says it fails the integrity check with a fix, exit 1", async () => {
    const { dir, env } = dataDirWith({});
    expect(await runCli(["ingest", ...SAMPLES], { out: () => {}, err: () => {}, env, cwd: dir })).toBe(0);
    const fd = openSync(join(dir, "paperbot.db"), "r+");
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 4);
    closeSync(fd);
    const { code, out } = await doctor(env);
    expect(code).toBe(1);
    const db = entry(out, "✘", "database");
    expect(db).toMatch(/integrity check|malformed/);
    expect(db).toContain("fix: stop the bot and restore the file from a backup");
  });

  it("GIVEN a configuration that does not load THEN ✘ config with every problem and a fix, exit 1", async () => {
    const { env } = dataDirWith({ timeZone: "Mars/Olympus", channels: [{ platform: "discord" }] });
    const { code, out } = await doctor(env);
    expect(code).toBe(1);
    const config = entry(out, "✘", "config");
    expect(config).toContain('unknown time zone "Mars/Olympus": use an IANA name, e.g. Europe/Paris or UTC');
    expect(config).toContain("channels[0]");
    expect(config).toContain("fix: ");
  });
});
