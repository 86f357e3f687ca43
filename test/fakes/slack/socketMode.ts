/**
 * Socket Mode side of the fake: `apps.connections.open` hands out one-time `ws://…/socket?ticket=…` URLs,
 * a connecting client gets Slack's `hello`, and envelopes are pushed and their acks awaited.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { Recorder } from "./recorder.js";
import type { SlackState } from "./state.js";
import type { JsonObject, SocketAck } from "./types.js";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface EnvelopeOptions {
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
  /** Overrides the fake's default ack timeout. */
  ackTimeoutMs?: number;
}

export interface SocketConnection {
  id: number;
  url: string;
  connectedAt: number;
  closedAt: number | undefined;
}

interface PendingAck {
  resolve: (ack: SocketAck) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  sentAt: number;
}

export class SocketModeServer {
  readonly connections = new Recorder<SocketConnection>();
  readonly acks = new Recorder<SocketAck>();
  /** Every other JSON message received from clients (not matching a pending envelope). */
  readonly unexpected: JsonObject[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open: { ws: WebSocket; info: SocketConnection }[] = [];
  private readonly pending = new Map<string, PendingAck>();

  constructor(
    private readonly state: SlackState,
    private readonly wsBase: () => string,
  ) {}

  get openConnections(): number {
    return this.open.length;
  }

  /** A one-time URL, like Slack's `wss://wss-primary.slack.com/link/?ticket=…&app_id=…`. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.wsBase()}/socket?ticket=${ticket}&app_id=${this.state.cfg.appId}`;
  }

  /** Handles an HTTP upgrade; returns false if the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://fake.local");
    if (url.pathname !== "/socket") return false;
    const ticket = url.searchParams.get("ticket") ?? "";
    if (!this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.toString()));
    return true;
  }

  private onConnection(ws: WebSocket, url: string): void {
    const info: SocketConnection = { id: this.connections.items.length + 1, url, connectedAt: Date.now(), closedAt: undefined };
    const entry = { ws, info };
    this.open.push(entry);
    ws.on("message", (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on("close", () => {
      info.closedAt = Date.now();
      const i = this.open.indexOf(entry);
      if (i >= 0) this.open.splice(i, 1);
    });
    ws.on("error", () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.open.length,
        debug_info: { host: "applink-fake-1", build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.state.cfg.appId },
      }),
    );
    this.connections.push(info);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let msg: JsonObject;
    try {
      msg = JSON.parse(Buffer.isBuffer(data) ? data.toString("utf8") : String(data)) as JsonObject;
    } catch {
      return;
    }
    const id = typeof msg.envelope_id === "string" ? msg.envelope_id : undefined;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || pending === undefined) {
      this.unexpected.push(msg);
      return;
    }
    clearTimeout(pending.timer);
    this.pending.delete(id);
    const ack: SocketAck = { envelope_id: id, latencyMs: Date.now() - pending.sentAt };
    if (typeof msg.payload === "object" && msg.payload !== null) ack.payload = msg.payload as JsonObject;
    this.acks.push(ack);
    pending.resolve(ack);
  }

  /** Sends an envelope on the newest open connection and resolves with the client's ack. */
  send(type: EnvelopeType, payload: JsonObject, opts: EnvelopeOptions = {}): Promise<SocketAck> {
    const target = this.open.at(-1);
    if (target === undefined) return Promise.reject(new Error("fake Slack: no open Socket Mode connection"));
    const envelopeId = randomUUID();
    const envelope: JsonObject = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: opts.accepts_response_payload ?? type !== "events_api",
    };
    if (type === "events_api") {
      envelope.retry_attempt = opts.retry_attempt ?? 0;
      envelope.retry_reason = opts.retry_reason ?? "";
    }
    const timeoutMs = opts.ackTimeoutMs ?? this.state.cfg.ackTimeoutMs;
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fake Slack: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer, sentAt: Date.now() });
      target.ws.send(JSON.stringify(envelope));
    });
  }

  /** Sends Slack's `disconnect` message (`warning`, `refresh_requested`, `link_disabled`). */
  sendDisconnect(reason = "refresh_requested"): void {
    const msg = JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake-1" } });
    for (const { ws } of this.open) ws.send(msg);
  }

  /** Sends a WebSocket ping frame to every client (the client answers with a pong). */
  ping(): Promise<number> {
    return Promise.all(
      this.open.map(
        ({ ws }) =>
          new Promise<void>((resolve) => {
            ws.once("pong", () => resolve());
            ws.ping(Buffer.from(`fake ping ${Date.now()}`));
          }),
      ),
    ).then((pongs) => pongs.length);
  }

  waitForConnection(timeoutMs: number, predicate: (c: SocketConnection) => boolean = () => true): Promise<SocketConnection> {
    return this.connections.waitFor(predicate, timeoutMs, "a Socket Mode connection");
  }

  async close(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`fake Slack closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    this.connections.cancelWaiters("fake Slack closed");
    this.acks.cancelWaiters("fake Slack closed");
    await Promise.all([...this.open].map(({ ws }) => closeGracefully(ws, 500)));
    this.open.length = 0;
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/**
 * Completes the WebSocket close handshake instead of dropping the TCP connection: @slack/socket-mode 3.1
 * leaks a 30 s close-handshake timer if the server drops the socket while the client is closing
 * (its error handler re-sends a close frame and overwrites the pending timer).
 */
function closeGracefully(ws: WebSocket, timeoutMs: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, timeoutMs);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === ws.OPEN) ws.close(1001, "fake Slack shutting down");
  });
}
