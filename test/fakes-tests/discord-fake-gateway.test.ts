import { constants, createInflate, type Inflate } from "node:zlib";
import { DiscordAPIError, DiscordjsErrorCodes, GatewayIntentBits, MessageFlags, Routes, type ChatInputCommandInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord, connectClient, nextInteraction } from "../fakes/discord/index.js";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
}

describe("fake Discord gateway and lifecycle", () => {
  it("rejects a wrong token: 401 on /gateway/bot → discord.js TokenInvalid", async () => {
    const fake = await FakeDiscord.start();
    try {
      const error = await connectClient(fake, {}, "not-the-token").catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe(DiscordjsErrorCodes.TokenInvalid);
      const request = fake.requests.find((r) => r.route === "GET /gateway/bot");
      expect(request).toMatchObject({ status: 401, responseBody: { message: "401: Unauthorized", code: 0 } });
      expect(fake.identifies).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it("a reply after the interaction window gets 10062 Unknown interaction", async () => {
    const fake = await FakeDiscord.start({ interactionWindowMs: 150 });
    const client = await connectClient(fake);
    try {
      const pending = nextInteraction(client);
      const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "slow" } }));
      const interaction = (await pending) as ChatInputCommandInteraction;
      await sleep(250);
      const error = await interaction.reply({ content: "too late", flags: MessageFlags.Ephemeral }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ code: 10062, status: 404, message: "Unknown interaction" });
      expect(fake.interaction(payload.id)?.attempts[0]).toMatchObject({ type: 4, status: 404, errorCode: 10062 });
      expect(fake.interaction(payload.id)?.callback).toBeUndefined();
      await expect(fake.waitForCallback(payload.id, 50)).rejects.toThrow(/timed out/);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it("answers heartbeats with HEARTBEAT_ACK and lets discord.js resume after a drop or op 7", async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 100 });
    const client = await connectClient(fake);
    try {
      await until(() => fake.gateway.heartbeats >= 2);
      await until(() => client.ws.ping >= 0);
      fake.gateway.disconnectAll(4000);
      await until(() => fake.gateway.resumes === 1 && fake.gateway.connectedSessions() === 1);
      fake.gateway.requestReconnect();
      await until(() => fake.gateway.resumes === 2 && fake.gateway.connectedSessions() === 1);
      expect(fake.identifies).toHaveLength(1);
      const pending = nextInteraction(client);
      const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "after resume" } }));
      await ((await pending) as ChatInputCommandInteraction).reply({ content: "still here" });
      expect((await fake.waitForCallback(payload.id)).status).toBe(204);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it("closes with 4014 when a privileged intent is requested without being allowed", async () => {
    const fake = await FakeDiscord.start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    try {
      const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
      socket.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { op: number };
        if (frame.op !== 10) return;
        const intents = GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent;
        socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents, properties: {}, shard: [0, 1] } }));
      });
      expect(await closed).toBe(4014);
      expect(fake.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent);
    } finally {
      socket.terminate();
      await fake.close();
    }
  });

  it("speaks the zlib-stream transport when a client asks for compress=zlib-stream", async () => {
    const fake = await FakeDiscord.start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate: Inflate = createInflate();
    const frames: { op: number; t: string | null }[] = [];
    try {
      let chain = Promise.resolve();
      const inflateOne = (data: Buffer): Promise<string> =>
        new Promise((resolve) => {
          const chunks: Buffer[] = [];
          const onData = (chunk: Buffer): void => void chunks.push(chunk);
          inflate.on("data", onData);
          inflate.write(data);
          inflate.flush(constants.Z_SYNC_FLUSH, () => {
            inflate.off("data", onData);
            resolve(Buffer.concat(chunks).toString("utf8"));
          });
        });
      socket.on("message", (data: Buffer) => {
        expect(data.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
        chain = chain.then(async () => {
          const frame = JSON.parse(await inflateOne(data)) as { op: number; t: string | null };
          frames.push(frame);
          if (frame.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
        });
      });
      await until(() => frames.length >= 3);
      expect(frames.map((f) => f.t)).toEqual([null, "READY", "GUILD_CREATE"]);
    } finally {
      socket.terminate();
      inflate.close();
      await fake.close();
    }
  });

  it("client.destroy() + fake.close() leave no open sockets behind", async () => {
    const baseline = tcpHandles();
    const fake = await FakeDiscord.start();
    const client = await connectClient(fake);
    await client.rest.post(Routes.channelMessages(fake.defaultChannelId), { body: { content: "bye" } });
    expect(tcpHandles()).toBeGreaterThan(baseline);
    await client.destroy();
    await fake.close();
    await until(() => tcpHandles() <= baseline, 1500);
    expect(fake.gateway.connectedSessions()).toBe(0);
  });
});
