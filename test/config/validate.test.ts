import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { PaperbotError } from "../../src/errors.js";

const cwd = mkdtempSync(join(tmpdir(), "paperbot-config-validate-"));
const DISCORD_HOOK = "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz_-0123";
const SLACK_HOOK = "https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnop";

function withFile(config: object, env: Record<string, string> = {}): () => unknown {
  const path = join(cwd, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return () => loadConfig({ PAPERBOT_CONFIG: path, ...env }, cwd);
}

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(PaperbotError);
    expect((error as PaperbotError).code).toBe("CONFIG_INVALID");
    return (error as PaperbotError).message;
  }
  throw new Error("expected loadConfig to fail");
}

const channel = (extra: object) => ({ platform: "discord", id: "123456789012345678", ...extra });

describe("loadConfig refuses what the bot cannot run", () => {
  it("GIVEN a weekly schedule with an unknown day THEN the key, the value and the scheduler's reason are named", () => {
    const message = problemsOf(withFile({ channels: [channel({ schedule: "weekly funday 09:00" })] }));
    expect(message).toContain('channels[0].schedule: "weekly funday 09:00": "funday" is not a day of the week');
  });

  it("GIVEN a digest schedule at 25:00 THEN digest.schedule is refused", () => {
    expect(problemsOf(withFile({ digest: { schedule: "daily 25:00" } }))).toContain('digest.schedule: "daily 25:00": "25:00" is not a time');
  });

  it("GIVEN a channel cron that never fires THEN it is refused by the same parser", () => {
    expect(problemsOf(withFile({ channels: [channel({ schedule: "0 0 31 2 *" })] }))).toContain('channels[0].schedule: "0 0 31 2 *"');
  });

  it("GIVEN a delivery cron with a bad field THEN deliveryCron is refused with the cron parser's reason", () => {
    const message = problemsOf(withFile({ deliveryCron: "*/30 * 25 * * *" }));
    expect(message).toContain('deliveryCron: "*/30 * 25 * * *" is not a valid cron expression');
    expect(message).toContain("hour");
  });

  it("GIVEN a channel filter that does not parse THEN the filter's key and its problem are named", () => {
    const message = problemsOf(withFile({ channels: [channel({ filter: 'diffusion "vector' })] }));
    expect(message).toContain("channels[0].filter");
    expect(message).toContain("the filter has a problem: unbalanced quote");
  });

  it("GIVEN a Discord channel whose webhook URL is not a Discord webhook THEN it is refused without echoing the URL", () => {
    const secretish = "https://example.com/hooks/very-secret-token";
    const message = problemsOf(withFile({ channels: [{ platform: "discord", webhookUrl: secretish }] }));
    expect(message).toContain("channels[0].webhookUrl: not a Discord webhook URL");
    expect(message).not.toContain("very-secret-token");
  });

  it("GIVEN a Slack channel given a Discord webhook THEN it is refused, and plain http is refused off this machine", () => {
    expect(problemsOf(withFile({ channels: [{ platform: "slack", webhookUrl: DISCORD_HOOK }] }))).toContain("not a Slack incoming webhook URL");
    const http = SLACK_HOOK.replace("https:", "http:");
    expect(problemsOf(withFile({ channels: [{ platform: "slack", webhookUrl: http }] }))).toContain("must use https");
  });

  it("GIVEN a console channel with a webhook URL THEN the console is said to have none", () => {
    expect(problemsOf(withFile({ channels: [{ platform: "console", webhookUrl: SLACK_HOOK }] }))).toContain("the console platform has no webhooks");
  });

  it("GIVEN well-formed webhooks, schedules and filters THEN they load", () => {
    const config = withFile({
      digest: { schedule: "weekly fri 5pm" },
      channels: [
        { platform: "discord", webhookUrl: DISCORD_HOOK, schedule: "0 9 * * mon-fri", filter: 'title:"vector graphics" OR diffusion' },
        { platform: "slack", webhookUrl: SLACK_HOOK, schedule: "instant" },
      ],
    })() as { channels: unknown[] };
    expect(config.channels).toHaveLength(2);
  });

  it("GIVEN every kind of bad value at once THEN one error names each key", () => {
    const message = problemsOf(
      withFile(
        {
          deliveryCron: "often",
          digest: { schedule: "daily 25:00" },
          channels: [
            channel({ schedule: "weekly funday 09:00", filter: "(a b" }),
            { platform: "discord", webhookUrl: "https://example.com/x" },
          ],
        },
        { PAPERBOT_INBOX_CRON: "61 * * * *" },
      ),
    );
    for (const key of ["PAPERBOT_INBOX_CRON / inboxCron", "deliveryCron", "digest.schedule", "channels[0].schedule", "channels[0].filter", "channels[1].webhookUrl"]) {
      expect(message).toContain(`${key}:`);
    }
    expect(message.split("; ").length).toBeGreaterThanOrEqual(6);
  });
});
