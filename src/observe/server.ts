import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PaperbotError } from "../errors.js";
import { boundUrl } from "../http.js";
import type { BotMetrics } from "./metrics.js";
import type { PlatformStates } from "./platforms.js";

/** What `/healthz` asks: does the database answer (null when it does, else why not). */
export interface HealthChecks {
  database(): string | null;
  platforms: PlatformStates;
}

export interface ObserveServer {
  /** The address really bound, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function health(checks: HealthChecks): { ok: boolean; body: Record<string, unknown> } {
  const reasons: string[] = [];
  let database: string;
  try {
    const problem = checks.database();
    database = problem ?? "ok";
    if (problem !== null) reasons.push(`database: ${problem}`);
  } catch (error) {
    database = error instanceof Error ? error.message : String(error);
    reasons.push(`database: ${database}`);
  }
  reasons.push(...checks.platforms.problems());
  const platforms = Object.fromEntries(checks.platforms.all().map(([name, s]) => [name, s.reason === null ? s.state : `${s.state}: ${s.reason}`]));
  return { ok: reasons.length === 0, body: { status: reasons.length === 0 ? "ok" : "unavailable", reasons, database, platforms } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(`${JSON.stringify(body)}\n`);
}

/**
 * The health and metrics endpoint: `/healthz` is 200 when the database answers and every
 * configured platform is connected, 503 with the reasons otherwise; `/metrics` is Prometheus text.
 */
export async function startObserveServer(options: {
  host: string;
  port: number;
  metrics: BotMetrics;
  checks: HealthChecks;
}): Promise<ObserveServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/healthz") {
      const { ok, body } = health(options.checks);
      sendJson(res, ok ? 200 : 503, body);
    } else if (path === "/metrics") {
      options.metrics.text().then(
        (text) => res.writeHead(200, { "content-type": options.metrics.contentType }).end(text),
        (error: unknown) => sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) }),
      );
    } else {
      sendJson(res, 404, { error: "not found; try /healthz or /metrics" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new PaperbotError("CONFIG_INVALID", `cannot listen for health and metrics: ${error.code ?? error.message}`, `PAPERBOT_HTTP_HOST=${options.host} PAPERBOT_HTTP_PORT=${options.port}`, {
          cause: error,
        }),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: boundUrl(address),
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
