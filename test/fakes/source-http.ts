import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a source fake received, with when it arrived (ms since the epoch), for politeness checks. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  at: number;
  /** What the fake answered: a status, or "hang" / "truncated" for broken answers. */
  outcome: number | "hang" | "truncated";
}

/**
 * A failure the next request(s) get instead of the real answer, as the real services fail:
 * a status (429 with Retry-After, 5xx) with an optional body, an HTML error page served as 200,
 * a body cut off mid-way (the connection drops, or the answer ends cleanly but half-way), or no
 * answer at all (the client times out).
 */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: "html"; status?: number }
  /** The real answer's first half: the connection drops (`framed` false), or it ends cleanly there. */
  | { kind: "truncate"; framed?: boolean }
  | { kind: "hang" };

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>Something went wrong</h1><p>We are working on it. Please try again later.</p></body></html>
`;

/**
 * The HTTP plumbing shared by the Hugging Face and arXiv fakes: a real node:http server on
 * 127.0.0.1, a request log, a queue of injected faults, and a "down" switch that fails every
 * request with 503 until it is turned off (a source down for a day).
 */
export abstract class SourceServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | null = null;
  private port = 0;
  down = false;

  /** The real answer to a GET, when no fault is due. */
  protected abstract route(path: string, query: Record<string, string>, headers: IncomingHttpHeaders): Answer;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Queues `fault` for the next `times` requests (after those already queued). */
  fail(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push(fault);
  }

  /** Requests whose path is `path`, in arrival order. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    if (server === null) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const query = Object.fromEntries(url.searchParams.entries());
    const record: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query, headers: req.headers, at: Date.now(), outcome: 200 };
    this.requests.push(record);
    const fault = this.down ? ({ kind: "status", status: 503, body: "Service Unavailable" } as const) : this.faults.shift();
    if (fault !== undefined) {
      this.answerFault(fault, record, res, () => this.route(url.pathname, query, {}));
      return;
    }
    const answer = req.method === "GET" ? this.route(url.pathname, query, req.headers) : { status: 405, headers: {}, body: "" };
    record.outcome = answer.status;
    res.writeHead(answer.status, answer.headers).end(answer.status === 304 ? undefined : answer.body);
  }

  private answerFault(fault: Fault, record: RecordedRequest, res: ServerResponse, real: () => Answer): void {
    if (fault.kind === "hang") {
      record.outcome = "hang";
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return;
    }
    if (fault.kind === "truncate") {
      record.outcome = "truncated";
      const answer = real();
      const half = answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2)));
      const { etag: _etag, ...headers } = answer.headers;
      if (fault.framed === true) {
        res.writeHead(200, headers).end(half);
        return;
      }
      res.writeHead(200, { ...headers, "content-length": String(Buffer.byteLength(answer.body)) });
      res.write(half);
      setTimeout(() => res.destroy(), 20);
      return;
    }
    if (fault.kind === "html") {
      record.outcome = fault.status ?? 200;
      res.writeHead(fault.status ?? 200, { "content-type": "text/html; charset=utf-8" }).end(HTML_PAGE);
      return;
    }
    record.outcome = fault.status;
    const headers: Record<string, string> = { "content-type": fault.contentType ?? "text/plain" };
    if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
    res.writeHead(fault.status, headers).end(fault.body ?? "");
  }
}
