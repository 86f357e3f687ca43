import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEFAULTS, autocomplete, buttonClick, slashCommand,
  type AutocompleteInput, type ButtonClickInput, type InteractionPayload, type SlashCommandInput,
} from "./builders.js";
import { CommandRegistry, type RegisteredCommand } from "./commands.js";
import { withRegisteredCommand, withStoredMessage } from "./enrich.js";
import { methodNotAllowed, notFound } from "./errors.js";
import { FailureInjector, failureReply } from "./failures.js";
import { FakeGateway } from "./gateway.js";
import { Router, readBody, sendReply, type RouteContext } from "./http.js";
import { InteractionDesk, type InteractionRecord } from "./interactions.js";
import type { FakeInternals, IncomingWebhook } from "./internals.js";
import { registerCoreRoutes } from "./routes-core.js";
import { registerMessageRoutes } from "./routes-messages.js";
import { registerThreadRoutes } from "./routes-threads.js";
import { registerWebhookRoutes } from "./routes-webhooks.js";
import { randomToken, snowflake } from "./snowflake.js";
import { MessageStore, type RecordedMessage } from "./store.js";
import type {
  ChannelState, Failure, FailureMatch, FakeDiscordOptions, FakeGuildConfig, FakeUser,
  HttpReply, IdentifyRecord, RecordedCallback, RecordedRequest,
} from "./types.js";
import { Waiters } from "./waiters.js";
import { World, makeUser } from "./world.js";

export const DEFAULT_BOT_TOKEN = "MTI5MDAwMDAwMDAwMDAwMDAwMQ.fake.discord-bot-token";

/** A fake Discord (REST under /api/v10 + gateway at /gateway) on 127.0.0.1 for the real discord.js Client. */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  /** Every REST request, in order (method, path, route, body, status, time ...). */
  readonly requests: RecordedRequest[] = [];
  readonly world: World;
  readonly store = new MessageStore();
  readonly commands: CommandRegistry;
  readonly desk: InteractionDesk;
  readonly gateway: FakeGateway;
  readonly failures = new FailureInjector();
  readonly #webhooks = new Map<string, IncomingWebhook>();
  readonly #waiters = new Waiters();
  readonly #router = new Router();
  readonly #server: Server;
  readonly #waitTimeoutMs: number;
  #port = 0;

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    return new FakeDiscord(options).start();
  }

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? DEFAULT_BOT_TOKEN;
    this.applicationId = options.applicationId ?? DEFAULTS.applicationId;
    this.bot = makeUser(DEFAULTS.botUserId, "PaperBot", { bot: true, ...options.botUser });
    this.#waitTimeoutMs = options.waitTimeoutMs ?? 2000;
    const guilds: FakeGuildConfig[] = options.guilds ?? [
      { id: DEFAULTS.guildId, name: "Paper Lab", members: [DEFAULTS.user], channels: [{ id: DEFAULTS.channelId, name: "papers" }] },
    ];
    this.world = new World(this.bot, guilds);
    this.commands = new CommandRegistry(this.applicationId);
    const notify = (): void => this.#waiters.notify();
    this.desk = new InteractionDesk({
      world: this.world, store: this.store, applicationId: this.applicationId, bot: this.bot, notify,
      windowMs: options.interactionWindowMs ?? 3000, tokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
    });
    this.gateway = new FakeGateway({
      token: this.token, world: this.world, bot: this.bot, applicationId: this.applicationId, notify,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? 0,
      gatewayUrl: () => this.gatewayUrl,
    });
    const internals: FakeInternals = {
      token: this.token, applicationId: this.applicationId, bot: this.bot, world: this.world, store: this.store,
      desk: this.desk, commands: this.commands, webhooks: this.#webhooks, nonceWindowMs: options.nonceWindowMs ?? 3 * 60_000,
      apiUrl: () => this.apiUrl, gatewayUrl: () => this.gatewayUrl,
    };
    registerCoreRoutes(this.#router, internals);
    registerMessageRoutes(this.#router, internals);
    registerThreadRoutes(this.#router, internals);
    registerWebhookRoutes(this.#router, internals);
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on("upgrade", (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** Closes every socket (REST keep-alive and gateway) so the test process can exit. */
  async close(): Promise<void> {
    this.#waiters.rejectAll("fake discord closed");
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get port(): number {
    return this.#port;
  }
  /** Pass as `rest: { api }`; discord.js appends `/v10/...`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }
  get defaultGuildId(): string {
    return [...this.world.guilds.keys()][0] ?? DEFAULTS.guildId;
  }
  get defaultChannelId(): string {
    return this.world.guildChannels(this.defaultGuildId)[0]?.id ?? DEFAULTS.channelId;
  }
  get identifies(): IdentifyRecord[] {
    return this.gateway.identifies;
  }

  // ---- world -------------------------------------------------------------------------------
  addGuild(config: FakeGuildConfig): string {
    return this.world.addGuild(config).id;
  }
  addChannel(name: string, options: { guildId?: string; id?: string; type?: number } = {}): string {
    return this.world.addChannel(options.guildId ?? this.defaultGuildId, name, options.type ?? 0, options.id ?? snowflake()).id;
  }
  setChannelState(channelId: string, state: ChannelState): void {
    this.world.setChannelState(channelId, state);
  }
  /** A member overwrite on the channel denying the bot these permissions (e.g. SendMessages | EmbedLinks). */
  denyBotPermissions(channelId: string, bits: bigint): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    channel.botDeny = bits.toString();
  }
  /** Sending to this user's DM channel fails with 50007 "Cannot send messages to this user". */
  refuseDms(userId: string, refuse = true): void {
    this.world.refuseDms(userId, refuse);
  }
  dmChannelOf(userId: string): string | undefined {
    return this.world.dmChannelOf(userId);
  }
  /** An incoming webhook on a channel; POST its `url` (with `?wait=true` for the message). */
  createWebhook(channelId: string, name = "Paper feed"): { id: string; token: string; url: string } {
    const webhook: IncomingWebhook = { id: snowflake(), token: randomToken("whk"), channelId, name };
    this.#webhooks.set(webhook.id, webhook);
    return { id: webhook.id, token: webhook.token, url: `${this.apiUrl}/webhooks/${webhook.id}/${webhook.token}` };
  }

  // ---- interactions ------------------------------------------------------------------------
  /** Builds a slash command with this fake's ids; command id and option types come from registered commands. */
  slashCommand(input: SlashCommandInput): InteractionPayload {
    return slashCommand(this.#contextDefaults(withRegisteredCommand(input, this.commands, this.defaultGuildId)));
  }
  autocomplete(input: AutocompleteInput): InteractionPayload {
    return autocomplete(this.#contextDefaults(withRegisteredCommand(input, this.commands, this.defaultGuildId)));
  }
  buttonClick(input: ButtonClickInput): InteractionPayload {
    return buttonClick(this.#contextDefaults(withStoredMessage(input, this.store)));
  }

  #contextDefaults<T extends SlashCommandInput | ButtonClickInput>(input: T): T {
    const dm = input.dm === true && input.guildId === undefined;
    return {
      ...input,
      applicationId: input.applicationId ?? this.applicationId,
      ...(dm ? {} : { guildId: input.guildId ?? this.defaultGuildId, channelId: input.channelId ?? this.defaultChannelId }),
    };
  }

  /** Sends INTERACTION_CREATE; the 3 s callback window starts now. Throws if no client is connected. */
  dispatchInteraction(payload: InteractionPayload): InteractionPayload {
    if (this.gateway.connectedSessions() === 0) throw new Error("fake discord: no identified gateway session to dispatch to");
    const user = (payload["user"] ?? (payload["member"] as { user?: FakeUser } | undefined)?.user ?? DEFAULTS.user) as FakeUser;
    const type = typeof payload.channel["type"] === "number" ? payload.channel["type"] : 0;
    const channel = this.world.ensureChannel(payload.channel_id, type, payload.guild_id, user);
    this.desk.register(payload, channel, user);
    this.gateway.dispatch("INTERACTION_CREATE", payload);
    return payload;
  }

  /** Any gateway dispatch (e.g. GUILD_DELETE); returns the number of connected sessions. */
  dispatch(event: string, data: unknown): number {
    return this.gateway.dispatch(event, data);
  }

  interaction(interactionId: string): InteractionRecord | undefined {
    return this.desk.records.get(interactionId);
  }
  /** Every callback attempt (accepted and rejected), in order. */
  callbacks(): RecordedCallback[] {
    return [...this.desk.records.values()].flatMap((r) => r.attempts).sort((a, b) => a.at - b.at);
  }
  /** Resolves with the accepted initial callback of an interaction. */
  waitForCallback(interactionId: string, timeoutMs = this.#waitTimeoutMs): Promise<RecordedCallback> {
    return this.#waiters.wait(() => this.desk.records.get(interactionId)?.callback, timeoutMs, `a callback for interaction ${interactionId}`);
  }
  /** Original response + follow-ups of an interaction (ephemeral ones included). */
  interactionMessages(interactionId: string): RecordedMessage[] {
    return this.store.all().filter((m) => m.meta.interactionId === interactionId);
  }

  // ---- messages, requests, commands ------------------------------------------------------------
  messagesIn(channelId: string, options: { includeEphemeral?: boolean } = {}): RecordedMessage[] {
    return this.store.inChannel(channelId, options.includeEphemeral ?? false);
  }
  message(messageId: string): RecordedMessage | undefined {
    return this.store.get(messageId);
  }
  /** First message in the channel (now or later) that satisfies the predicate; re-checked after edits. */
  waitForMessage(channelId: string, predicate: (m: RecordedMessage) => boolean = () => true, timeoutMs = this.#waitTimeoutMs): Promise<RecordedMessage> {
    return this.#waiters.wait(() => this.store.inChannel(channelId, true).find(predicate), timeoutMs, `a message in channel ${channelId}`);
  }
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = this.#waitTimeoutMs): Promise<RecordedRequest> {
    return this.#waiters.wait(() => this.requests.find(predicate), timeoutMs, "a matching request");
  }
  /** Resolves once a client has identified (or resumed) and is connected. */
  waitForGatewaySession(timeoutMs = this.#waitTimeoutMs): Promise<number> {
    return this.#waiters.wait(() => this.gateway.connectedSessions() || undefined, timeoutMs, "a gateway session");
  }
  registeredCommands(guildId?: string): RegisteredCommand[] {
    return this.commands.list(guildId ?? null);
  }
  /** How many times commands were registered (PUT bulk overwrites and single POSTs) in a scope. */
  commandRegistrations(guildId?: string): number {
    return this.commands.registrations.filter((r) => r.guildId === (guildId ?? null) && (r.method === "PUT" || r.method === "POST")).length;
  }

  // ---- failure injection -------------------------------------------------------------------
  failNext(match: FailureMatch, failure: Failure, times = 1): void {
    this.failures.arm(match, failure, times);
  }
  rateLimitNext(match: FailureMatch, options: { retryAfter?: number; global?: boolean; times?: number; scope?: "user" | "shared" } = {}): void {
    const failure: Failure = { kind: "rateLimit", retryAfter: options.retryAfter ?? 0.2, global: options.global ?? false, scope: options.scope ?? "user" };
    this.failures.arm(match, failure, options.times ?? 1);
  }
  serverErrorNext(match: FailureMatch, times = 1, status = 500): void {
    this.failures.arm(match, { kind: "server", status }, times);
  }
  discordErrorNext(match: FailureMatch, code: number, times = 1): void {
    this.failures.arm(match, { kind: "discord", code }, times);
  }

  // ---- HTTP ----------------------------------------------------------------------------------
  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const path = safeDecode(url.pathname).replace(/^\/api(\/v\d+)?/, "") || "/";
    const { body, files } = await readBody(req).catch(() => ({ body: undefined, files: [] as string[] }));
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    const found = url.pathname.startsWith("/api") ? this.#router.match(method, path) : null;
    let reply: HttpReply;
    let route: string | null = null;
    if (found === null) reply = notFound();
    else if (found === "method") reply = methodNotAllowed();
    else {
      route = `${method} ${found.route.template}`;
      const ctx: RouteContext = { method, path, params: found.params, query: url.searchParams, body, files, authorized };
      const facts = { method, path, route, channelId: found.route.channelOf?.(ctx) };
      const failure = this.failures.take(facts);
      if (found.route.auth && !authorized) reply = { status: 401, body: { message: "401: Unauthorized", code: 0 } };
      else if (failure) reply = failureReply(failure, facts);
      else reply = safeHandle(() => found.route.handle(ctx));
    }
    this.requests.push({
      method, path, route, query: Object.fromEntries(url.searchParams.entries()), body, files,
      headers: pickHeaders(req), time: Date.now(), status: reply.status === 200 && reply.body === undefined ? 204 : reply.status,
      responseBody: reply.body, responseHeaders: reply.headers ?? {},
    });
    sendReply(res, reply);
    this.#waiters.notify();
  }
}

/** A bug in a handler becomes a 500 (recorded) instead of an unhandled rejection. */
function safeHandle(handle: () => HttpReply): HttpReply {
  try {
    return handle();
  } catch (error) {
    return { status: 500, body: { message: `fake discord handler error: ${String(error)}`, code: 0 } };
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["content-type", "user-agent", "x-audit-log-reason"]) {
    const value = req.headers[name];
    if (typeof value === "string") out[name] = value;
  }
  if (req.headers.authorization !== undefined) out["authorization"] = req.headers.authorization.replace(/^(\w+) .*/, "$1 ***");
  return out;
}
