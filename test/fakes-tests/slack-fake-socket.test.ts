/** Proves the fake Slack's Socket Mode against the real @slack/bolt App (SocketModeReceiver + @slack/socket-mode). */
import { App } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturingLogger, FakeSlack } from "../fakes/slack/index.js";

/** TCP handles (sockets + listeners) and timers currently alive in this process. */
function handles(): { net: number; timers: number } {
  const all = process.getActiveResourcesInfo();
  return {
    net: all.filter((r) => r === "TCPSocketWrap" || r === "TCPServerWrap").length,
    timers: all.filter((r) => r === "Timeout").length,
  };
}

async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("fake Slack with a real bolt App (Socket Mode)", () => {
  let fake: FakeSlack;
  let app: App;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    app = new App({
      socketMode: true,
      appToken: fake.appToken,
      token: fake.botToken,
      logger: capturingLogger(),
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
  });

  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it("connects via apps.connections.open with the xapp- token and gets hello", async () => {
    await app.start();
    expect(fake.openSocketCount).toBe(1);
    expect(fake.callsTo("apps.connections.open")).toMatchObject([{ tokenKind: "app", status: 200 }]);
    expect(fake.socketConnections[0]?.url).toContain(`app_id=${fake.config.appId}`);
  });

  it("delivers a slash_commands envelope; the ack comes back and respond() reaches the fake", async () => {
    app.command("/papers", async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: "ephemeral", text: `Searching ${command.text}` });
    });
    await app.start();
    const ack = await fake.sendSlashCommand({ text: "transformers" });
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse();
    expect(response).toMatchObject({ status: 200, response_type: "ephemeral", text: "Searching transformers" });
  });

  it("passes an ack payload (ack({ text })) back over the socket", async () => {
    app.command("/papers", async ({ ack }) => {
      await ack({ response_type: "ephemeral", text: "On it" });
    });
    await app.start();
    const ack = await fake.sendSlashCommand({ text: "x" });
    expect(ack.payload).toEqual({ response_type: "ephemeral", text: "On it" });
  });

  it("delivers an interactive block_actions envelope", async () => {
    app.action("more", async ({ ack, respond, action }) => {
      await ack();
      await respond({ replace_original: false, text: `page ${action.type === "button" ? action.value : ""}` });
    });
    await app.start();
    await fake.sendBlockAction({ action_id: "more", value: "2" });
    expect(await fake.waitForResponse()).toMatchObject({ text: "page 2" });
  });

  it("rejects when the app never acks", async () => {
    app.command("/papers", async () => {
      /* forgot ack() */
    });
    await app.start();
    await expect(fake.sendSlashCommand({ text: "x" }, { ackTimeoutMs: 200 })).rejects.toThrow(/no ack/);
  });

  it("answers pings and refuses apps.connections.open with the bot token", async () => {
    await app.start();
    expect(await fake.pingSockets()).toBe(1);
    const res = await fetch(`${fake.apiUrl}apps.connections.open`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.botToken}` },
    });
    expect(await res.json()).toEqual({ ok: false, error: "not_allowed_token_type" });
  });

  it("app.stop() + fake.close() leave no sockets or timers behind", async () => {
    app.command("/papers", async ({ ack, respond }) => {
      await ack();
      await respond("done");
    });
    await app.start();
    await fake.sendSlashCommand();
    await fake.waitForResponse();
    await app.stop();
    await fake.close();
    // Vitest's fork workers talk over IPC pipes, so nothing TCP-ish or timer-ish should remain at all.
    await eventually(() => handles().net === 0 && handles().timers === 0);
  });
});
