/** The fake Slack server: Web API, webhooks, response URLs and Socket Mode on one 127.0.0.1 port. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FileDesk } from "./files.js";
import { handleResponseUrl, handleWebhook } from "./hooks.js";
import { sendText } from "./httpUtil.js";
import { blockActionPayload, slashCommandFields, type PayloadDefaults } from "./payloads.js";
import { signedBlockAction, signedSlashCommand, type SignOptions, type SignedResponse } from "./signing.js";
import { SocketModeServer, type EnvelopeOptions, type SocketConnection } from "./socketMode.js";
import { resolveConfig, SlackState, type FakeSlackConfig } from "./state.js";
import type {
  BlockActionInput,
  CallRecord,
  ChannelFailure,
  FakeSlackOptions,
  FakeUserInput,
  JsonObject,
  RecordedResponse,
  SlashCommandFields,
  SocketAck,
  StoredMessage,
} from "./types.js";
import { handleApiRequest } from "./webApi.js";

export class FakeSlack {
  readonly config: FakeSlackConfig;
  /** Channel that the default incoming webhook (`webhookUrl`) posts into. */
  readonly webhookChannel = "C0WEBHOOK";
  private readonly state: SlackState;
  private readonly socketMode: SocketModeServer;
  private readonly webhooks = new Map<string, string>();
  /** File uploads (files.getUploadURLExternal → POST /upload/:id → files.completeUploadExternal) and the files shared. */
  readonly files = new FileDesk(() => this.baseUrl);
  private readonly fileMethods = {
    "files.getUploadURLExternal": this.files.getUploadUrl,
    "files.completeUploadExternal": this.files.complete,
  };
  private server: Server | undefined;
  private portNumber = 0;

  /** Creates and starts a fake on a random free port. */
  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    return new FakeSlack(opts).start();
  }

  constructor(opts: FakeSlackOptions = {}) {
    this.config = resolveConfig(opts);
    this.state = new SlackState(this.config);
    this.socketMode = new SocketModeServer(this.state, () => `ws://127.0.0.1:${this.port}`);
    this.webhooks.set(`/services/${this.config.teamId}/B0WEBHOOK/fakewebhooksecret`, this.webhookChannel);
  }

  async start(): Promise<this> {
    if (this.server !== undefined) throw new Error("fake Slack already started");
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendText(res, 500, `fake Slack crashed: ${String(err)}`);
        else res.destroy();
      });
    });
    server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      if (!this.socketMode.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.portNumber = (server.address() as AddressInfo).port;
    return this;
  }

  /** Closes WebSockets, keep-alive connections and the listener; rejects pending waiters. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    await this.socketMode.close();
    for (const r of [this.state.messages, this.state.responses, this.state.calls]) r.cancelWaiters("fake Slack closed");
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://fake.local").pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (api?.[1] !== undefined) return handleApiRequest(this.state, api[1], req, res, () => this.socketMode.issueUrl(), this.fileMethods);
    if (req.method !== "POST") return sendText(res, 405, "method_not_allowed");
    const upload = /^\/upload\/(F\d+)$/.exec(path);
    if (upload?.[1] !== undefined) return this.files.receive(upload[1], req, res);
    if (path.startsWith("/services/")) return handleWebhook(this.state, this.webhooks.get(path), req, res);
    const response = /^\/response\/([\w-]+)$/.exec(path);
    if (response?.[1] !== undefined) return handleResponseUrl(this.state, response[1], this.baseUrl + path, req, res);
    sendText(res, 404, "not_found");
  }

  // ---- addresses & identities ----
  get port(): number {
    if (this.server === undefined) throw new Error("fake Slack not started");
    return this.portNumber;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Pass as `clientOptions.slackApiUrl` (ends with `/api/`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }
  /** The default incoming webhook; posts land in `webhookChannel`. */
  get webhookUrl(): string {
    return `${this.baseUrl}/services/${this.config.teamId}/B0WEBHOOK/fakewebhooksecret`;
  }
  get botToken(): string {
    return this.config.botToken;
  }
  get appToken(): string {
    return this.config.appToken;
  }

  // ---- recorded traffic ----
  get messages(): readonly StoredMessage[] {
    return this.state.messages.items;
  }
  /** Messages stored for a channel (or user id → their DM), oldest first; ephemeral ones only if asked. */
  messagesIn(channel: string, opts: { includeEphemeral?: boolean } = {}): StoredMessage[] {
    const id = /^[UW]/.test(channel) ? this.state.dmChannelFor(channel) : channel;
    return this.messages.filter((m) => m.channel === id && (opts.includeEphemeral === true || m.ephemeralTo === undefined));
  }
  waitForMessage(channel: string, predicate: (m: StoredMessage) => boolean = () => true, timeoutMs?: number): Promise<StoredMessage> {
    const id = /^[UW]/.test(channel) ? this.state.dmChannelFor(channel) : channel;
    const t = timeoutMs ?? this.config.waitTimeoutMs;
    return this.state.messages.waitFor((m) => m.channel === id && predicate(m), t, `a message in ${id}`);
  }
  get responses(): readonly RecordedResponse[] {
    return this.state.responses.items;
  }
  waitForResponse(predicate: (r: RecordedResponse) => boolean = () => true, timeoutMs?: number): Promise<RecordedResponse> {
    return this.state.responses.waitFor(predicate, timeoutMs ?? this.config.waitTimeoutMs, "a response_url payload");
  }
  get calls(): readonly CallRecord[] {
    return this.state.calls.items;
  }
  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }
  waitForCall(method: string, predicate: (c: CallRecord) => boolean = () => true, timeoutMs?: number): Promise<CallRecord> {
    const t = timeoutMs ?? this.config.waitTimeoutMs;
    return this.state.calls.waitFor((c) => c.method === method && predicate(c), t, `a ${method} call`);
  }
  /** Forgets recorded messages, responses, calls and pending injected failures (users/channels stay). */
  reset(): void {
    this.state.reset();
  }

  // ---- workspace setup ----
  addUser(user: FakeUserInput): void {
    this.state.users.set(user.id, { ...user });
  }
  /** Makes DMs / conversations.open for the user fail with `account_inactive`. */
  setUserInactive(userId: string, inactive = true): void {
    const user = this.state.users.get(userId) ?? { id: userId, name: userId.toLowerCase() };
    this.state.users.set(userId, { ...user, inactive });
  }
  /** `channel_not_found` | `not_in_channel` | `is_archived`, or `undefined` to heal the channel. */
  setChannelState(channel: string, failure: ChannelFailure | undefined): void {
    if (failure === undefined) this.state.channelFailures.delete(channel);
    else this.state.channelFailures.set(channel, failure);
  }
  /** Name and privacy conversations.info reports (a private channel the bot is not in: setChannelState `channel_not_found`). */
  describeChannel(channel: string, info: { name?: string; isPrivate?: boolean }): void {
    this.state.channelInfo.set(channel, info);
  }
  /** The bot's DM channel id with a user (`U123` → `D123`). */
  dmChannelFor(userId: string): string {
    return this.state.dmChannelFor(userId);
  }
  /** Registers another incoming webhook posting into `channel`; returns its URL. */
  addWebhook(channel: string): string {
    const path = `/services/${this.config.teamId}/${this.state.nextId("B")}/${this.state.nextId("secret")}`;
    this.webhooks.set(path, channel);
    return this.baseUrl + path;
  }

  // ---- failure injection ----
  /** Next `n` calls to `method` (`"*"` = any, `"webhook"`, `"response_url"`) get HTTP 429 + Retry-After. */
  rateLimitNext(method: string, n = 1, retryAfterSeconds = 1): void {
    this.state.inject(method, n, { kind: "ratelimit", retryAfterSeconds });
  }
  /** Next `n` calls to `method` get a bare HTTP error (default 500). */
  failNext(method: string, n = 1, httpStatus = 500): void {
    this.state.inject(method, n, { kind: "http", status: httpStatus });
  }

  // ---- inbound traffic (Slack → app) ----
  /** Registers and returns a response_url (`/response/:id`). */
  newResponseUrl(id: string = this.state.nextId("R")): string {
    this.state.responseUrlUses.set(id, this.state.responseUrlUses.get(id) ?? 0);
    return `${this.baseUrl}/response/${id}`;
  }
  private get payloadDefaults(): PayloadDefaults {
    const { teamId, teamDomain, appId, botUserId, botId } = this.config;
    return { teamId, teamDomain, appId, botUserId, botId, newResponseUrl: () => this.newResponseUrl(), nextTs: () => this.state.nextTs() };
  }
  /** Complete slash command fields (`/papers`, fresh response_url and trigger_id) with overrides. */
  slashCommand(fields: Partial<SlashCommandFields> = {}): SlashCommandFields {
    return slashCommandFields(this.payloadDefaults, fields);
  }
  /** A complete `block_actions` payload for one button click. */
  blockAction(input: BlockActionInput): JsonObject {
    return blockActionPayload(this.payloadDefaults, input);
  }
  /** HTTP mode: POST a signed slash command to the app's events URL. */
  signedSlashCommand(url: string, signingSecret: string, fields: Partial<SlashCommandFields> = {}, opts?: SignOptions): Promise<SignedResponse> {
    return signedSlashCommand(url, signingSecret, this.slashCommand(fields), opts);
  }
  /** HTTP mode: POST a signed block action to the app's events URL. */
  signedBlockAction(url: string, signingSecret: string, input: BlockActionInput, opts?: SignOptions): Promise<SignedResponse> {
    return signedBlockAction(url, signingSecret, this.blockAction(input), opts);
  }
  /** Socket Mode: push a `slash_commands` envelope; resolves with the app's ack. */
  sendSlashCommand(fields: Partial<SlashCommandFields> = {}, opts?: EnvelopeOptions): Promise<SocketAck> {
    return this.socketMode.send("slash_commands", { ...this.slashCommand(fields) }, opts);
  }
  /** Socket Mode: push an `interactive` envelope with a full payload or a button-click description. */
  sendBlockAction(payload: BlockActionInput | (JsonObject & { type: "block_actions" }), opts?: EnvelopeOptions): Promise<SocketAck> {
    const full = "type" in payload && payload.type === "block_actions" ? payload : this.blockAction(payload as BlockActionInput);
    return this.socketMode.send("interactive", full, { accepts_response_payload: false, ...opts });
  }
  /** Socket Mode: push an `events_api` envelope wrapping `event`. */
  sendEvent(event: JsonObject, opts?: EnvelopeOptions): Promise<SocketAck> {
    const payload = {
      token: "fake-verification-token",
      team_id: this.config.teamId,
      api_app_id: this.config.appId,
      event,
      type: "event_callback",
      event_id: this.state.nextId("Ev"),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.config.teamId, user_id: this.config.botUserId, is_bot: true, is_enterprise_install: false }],
    };
    return this.socketMode.send("events_api", payload, opts);
  }
  /** Socket Mode: ask clients to reconnect (`type: "disconnect"`). */
  sendDisconnect(reason?: string): void {
    this.socketMode.sendDisconnect(reason);
  }
  /** Socket Mode: ping every client; resolves with the number of pongs. */
  pingSockets(): Promise<number> {
    return this.socketMode.ping();
  }
  get socketConnections(): readonly SocketConnection[] {
    return this.socketMode.connections.items;
  }
  get openSocketCount(): number {
    return this.socketMode.openConnections;
  }
  get socketAcks(): readonly SocketAck[] {
    return this.socketMode.acks.items;
  }
  waitForSocketConnection(timeoutMs?: number): Promise<SocketConnection> {
    return this.socketMode.waitForConnection(timeoutMs ?? this.config.waitTimeoutMs);
  }
}
