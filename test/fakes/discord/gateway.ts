import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { constants, createDeflate, deflateSync, type Deflate } from "node:zlib";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { randomToken } from "./snowflake.js";
import type { FakeUser, IdentifyRecord } from "./types.js";
import type { World } from "./world.js";

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 };
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const GUILDS_INTENT = 1;

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

interface Session {
  id: string;
  seq: number;
  events: Frame[];
  intents: number;
  conn: Connection | undefined;
  alive: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | undefined;
  deflate: Deflate | undefined;
  identifyCompress: boolean;
  chain: Promise<void>;
}

export interface GatewayConfig {
  token: string;
  world: World;
  bot: FakeUser;
  applicationId: string;
  heartbeatIntervalMs: number;
  allowedPrivilegedIntents: number;
  gatewayUrl: () => string;
  notify: () => void;
}

/** Discord gateway v10 (JSON; optional zlib-stream transport or identify compression). */
export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  /** Every payload received from clients. */
  readonly received: { op: number; d: unknown; at: number }[] = [];
  /** Query strings of every connection (v, encoding, compress). */
  readonly connectQueries: Record<string, string>[] = [];
  heartbeats = 0;
  resumes = 0;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();

  constructor(private readonly cfg: GatewayConfig) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.replace(/\/+$/, "") !== "/gateway") {
      socket.destroy();
      return;
    }
    const query = Object.fromEntries(url.searchParams.entries());
    this.connectQueries.push(query);
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, query));
  }

  #accept(socket: WebSocket, query: Record<string, string>): void {
    const conn: Connection = {
      socket, session: undefined, identifyCompress: false, chain: Promise.resolve(),
      deflate: query["compress"] === "zlib-stream" ? createDeflate() : undefined,
    };
    this.#connections.add(conn);
    socket.on("close", (code) => this.#onClose(conn, code));
    socket.on("error", () => undefined);
    socket.on("message", (data) => this.#onMessage(conn, data));
    if (query["v"] !== undefined && query["v"] !== "10" && query["v"] !== "9") {
      socket.close(4012, "Invalid API version");
      return;
    }
    if ((query["encoding"] ?? "json") !== "json") {
      socket.close(4002, "Decode error (the fake speaks JSON only)");
      return;
    }
    this.#send(conn, { op: Op.Hello, d: { heartbeat_interval: this.cfg.heartbeatIntervalMs, _trace: ["fake-gateway"] }, s: null, t: null });
  }

  #onClose(conn: Connection, code: number): void {
    this.#connections.delete(conn);
    conn.deflate?.close();
    const session = conn.session;
    if (session && session.conn === conn) {
      session.conn = undefined;
      if (code === 1000 || code === 1001) session.alive = false;
    }
    this.cfg.notify();
  }

  #onMessage(conn: Connection, data: RawData): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(Buffer.isBuffer(data) ? data.toString("utf8") : String(data)) as { op?: unknown; d?: unknown };
    } catch {
      conn.socket.close(4002, "Error while decoding payload.");
      return;
    }
    const op = typeof frame.op === "number" ? frame.op : -1;
    this.received.push({ op, d: frame.d, at: Date.now() });
    if (op === Op.Heartbeat) {
      this.heartbeats += 1;
      this.#send(conn, { op: Op.HeartbeatAck, d: null, s: null, t: null });
    } else if (op === Op.Identify) {
      this.#identify(conn, (frame.d ?? {}) as Record<string, unknown>);
    } else if (op === Op.Resume) {
      this.#resume(conn, (frame.d ?? {}) as Record<string, unknown>);
    } else if (!conn.session) {
      conn.socket.close(4003, "Not authenticated.");
    } else if (![3, 4, 8, 14, 31, 37].includes(op)) {
      conn.socket.close(4001, "Unknown opcode.");
    }
    this.cfg.notify();
  }

  #identify(conn: Connection, d: Record<string, unknown>): void {
    const token = typeof d["token"] === "string" ? d["token"] : "";
    const intents = typeof d["intents"] === "number" ? d["intents"] : NaN;
    const tokenValid = token === this.cfg.token;
    this.identifies.push({ token, tokenValid, intents, properties: d["properties"], shard: d["shard"], compress: d["compress"] === true, at: Date.now() });
    if (conn.session) return conn.socket.close(4005, "Already authenticated.");
    if (!tokenValid) return conn.socket.close(4004, "Authentication failed.");
    if (!Number.isInteger(intents) || intents < 0) return conn.socket.close(4013, "Invalid intent(s).");
    if ((intents & PRIVILEGED_INTENTS & ~this.cfg.allowedPrivilegedIntents) !== 0) {
      return conn.socket.close(4014, "Disallowed intent(s).");
    }
    conn.identifyCompress = d["compress"] === true && !conn.deflate;
    const session: Session = { id: randomToken("").slice(0, 32), seq: 0, events: [], intents, conn, alive: true };
    conn.session = session;
    this.#sessions.set(session.id, session);
    const guilds = [...this.cfg.world.guilds.values()];
    this.#dispatchTo(session, "READY", {
      v: 10, user_settings: {}, user: { ...this.cfg.bot, bot: true, verified: true, mfa_enabled: false, flags: 0, email: null },
      session_type: "normal", session_id: session.id, resume_gateway_url: this.cfg.gatewayUrl(),
      relationships: [], private_channels: [], presences: [], guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [], geo_ordered_rtc_regions: ["fake"], shard: d["shard"] ?? [0, 1],
      application: { id: this.cfg.applicationId, flags: 0 }, _trace: ["fake-gateway"],
    });
    if ((intents & GUILDS_INTENT) === 0) return;
    for (const guild of guilds) this.#dispatchTo(session, "GUILD_CREATE", this.cfg.world.guildCreatePayload(guild));
  }

  #resume(conn: Connection, d: Record<string, unknown>): void {
    const session = this.#sessions.get(String(d["session_id"]));
    const seq = typeof d["seq"] === "number" ? d["seq"] : -1;
    if (d["token"] !== this.cfg.token) return conn.socket.close(4004, "Authentication failed.");
    if (!session || !session.alive || seq > session.seq) {
      this.#send(conn, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.resumes += 1;
    session.conn?.socket.close(4009, "Session resumed elsewhere.");
    session.conn = conn;
    conn.session = session;
    for (const frame of session.events.filter((e) => (e.s ?? 0) > seq)) this.#send(conn, frame);
    this.#dispatchTo(session, "RESUMED", { _trace: ["fake-gateway"] });
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame: Frame = { op: Op.Dispatch, d, s: session.seq, t };
    session.events.push(frame);
    if (session.conn) this.#send(session.conn, frame);
  }

  /** Sends a dispatch to every live session; returns how many sessions are connected right now. */
  dispatch(t: string, d: unknown): number {
    let connected = 0;
    for (const session of this.#sessions.values()) {
      if (!session.alive) continue;
      if (session.conn) connected += 1;
      this.#dispatchTo(session, t, d);
    }
    return connected;
  }

  connectedSessions(): number {
    return [...this.#sessions.values()].filter((s) => s.alive && s.conn).length;
  }

  /** Asks clients to reconnect and resume (op 7). */
  requestReconnect(): void {
    for (const conn of this.#connections) this.#send(conn, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  /** Drops every connection with a close code (4000 lets clients resume; 1000 ends sessions). */
  disconnectAll(code = 4000, reason = "Unknown error."): void {
    for (const conn of this.#connections) conn.socket.close(code, reason);
  }

  /** Invalid session (op 9) to every connection. */
  invalidateSessions(resumable = false): void {
    if (!resumable) for (const session of this.#sessions.values()) session.alive = false;
    for (const conn of this.#connections) this.#send(conn, { op: Op.InvalidSession, d: resumable, s: null, t: null });
  }

  #send(conn: Connection, frame: Frame): void {
    const json = JSON.stringify(frame);
    const { deflate } = conn;
    conn.chain = conn.chain.then(async () => {
      if (conn.socket.readyState !== conn.socket.OPEN) return;
      if (deflate) conn.socket.send(await flushDeflate(deflate, json));
      else if (conn.identifyCompress && frame.op === Op.Dispatch) conn.socket.send(deflateSync(json));
      else conn.socket.send(json);
    }).catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const conn of this.#connections) conn.socket.terminate();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

/** zlib-stream transport: one shared deflate context, each payload ends with a Z_SYNC_FLUSH (00 00 ff ff). */
function flushDeflate(deflate: Deflate, json: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): void => void chunks.push(chunk);
    deflate.on("data", onData);
    deflate.write(json);
    deflate.flush(constants.Z_SYNC_FLUSH, () => {
      deflate.off("data", onData);
      resolve(Buffer.concat(chunks));
    });
  });
}
