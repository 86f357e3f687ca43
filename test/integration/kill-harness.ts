/**
 * The kill test's machinery: the real bot as a child process (`node bin/paperbot run`), a proxy
 * that slows the fake platform's answers (so a SIGKILL often lands after the platform stored a
 * message and before the bot recorded it), a read-only view of the bot's outbox, and synthetic
 * dumps that keep the outbox busy for as many kill rounds as asked.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { renameSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { REPO } from "../helpers/env.js";

/** A small seeded PRNG (mulberry32): the same seed gives the same kill points and delays. */
export { seeded as prng } from "../../bench/generate.js";

export interface DelayProxy {
  /** `http://127.0.0.1:<port>`: put the platform's API path after it. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Forwards HTTP requests to `target` (an origin), waiting up to `beforeMs` before forwarding and up
 * to `afterMs` after the answer came back, at random. WebSockets are not proxied (the fakes hand
 * out their own gateway / Socket Mode URLs).
 */
export async function startDelayProxy(target: string, random: () => number, delay: { beforeMs: number; afterMs: number }): Promise<DelayProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    res.on("error", () => {});
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      void (async () => {
        await sleep(Math.floor(random() * delay.beforeMs));
        const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
        const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () => {
            void sleep(Math.floor(random() * delay.afterMs)).then(() => {
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            });
          });
        });
        forward.on("error", () => {
          if (!res.headersSent && !res.destroyed) res.writeHead(502).end("proxy: upstream failed");
        });
        forward.end(Buffer.concat(chunks));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Bot {
  readonly child: ChildProcess;
  /** Everything the process wrote (stdout and stderr), for diagnostics and log counts. */
  output(): string;
  /** Resolves once the output matches `pattern`; rejects when the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The parent's environment minus every paperbot and platform setting, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PAPERBOT_|DISCORD_|SLACK_)/.test(k)));
  return { ...base, PAPERBOT_LOG_LEVEL: "info", ...env };
}

/** Starts `node bin/paperbot run` from the repository root (the built dist/ must be current). */
export function spawnBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, [join(REPO, "bin", "paperbot"), "run"], { cwd: REPO, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString("utf8");
    for (const listener of [...listeners]) listener();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      for (const listener of [...listeners]) listener();
      resolve({ code, signal });
    });
  });
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`bot did not log ${String(pattern)} within ${timeoutMs} ms:\n${text.slice(-2000)}`)), timeoutMs);
        const check = (): void => {
          if (pattern.test(text)) done();
          else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`bot exited before logging ${String(pattern)}:\n${text.slice(-2000)}`));
        };
        const done = (error?: Error): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error === undefined) resolve();
          else reject(error);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Ends a bot process: SIGKILL, or SIGTERM for a graceful stop; resolves once it has exited. */
export async function stopBot(bot: Bot, signal: "SIGKILL" | "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill(signal);
  return bot.exited;
}

export type OutboxState = "pending" | "sending" | "sent" | "failed" | "dead" | "skipped";

/** A read-only look at the bot's SQLite store (WAL lets it read while the bot writes). */
export class Outbox {
  private db: Database.Database | null = null;
  constructor(private readonly path: string) {}

  private open(): Database.Database {
    this.db ??= new Database(this.path, { readonly: true, fileMustExist: true });
    return this.db;
  }

  counts(): Record<OutboxState, number> {
    const result: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0, skipped: 0 };
    const rows = this.open().prepare("SELECT state, count(*) AS n FROM deliveries GROUP BY state").all() as { state: OutboxState; n: number }[];
    for (const row of rows) result[row.state] = row.n;
    return result;
  }

  /** Rows not yet sent (pending, sending, failed). */
  backlog(): number {
    const c = this.counts();
    return c.pending + c.sending + c.failed;
  }

  paperIds(): number[] {
    return (this.open().prepare("SELECT id FROM papers ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  }

  /** Every outbox row as (paper, destination address, state, last error). */
  rows(): { paperId: number; address: string; state: OutboxState; lastError: string | null }[] {
    return this.open()
      .prepare(`SELECT d.paper_id AS paperId, t.address AS address, d.state AS state, d.last_error AS lastError
        FROM deliveries d JOIN destinations t ON t.id = d.destination_id ORDER BY d.id`)
      .all() as { paperId: number; address: string; state: OutboxState; lastError: string | null }[];
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}

const WORDS = (
  "quantum sparse tensor graph kernel latent neural diffusion agent robot vision speech protein molecule " +
  "policy reward memory attention token retrieval planner verifier lattice spectral causal federated bayesian " +
  "manifold contrastive symbolic program compiler shader galaxy climate ocean glacier enzyme genome synapse cortex " +
  "market auction privacy watermark benchmark curriculum distillation pruning quantization routing mixture expert"
).split(" ");

let refills = 0;

/**
 * Writes a Hugging Face daily_papers JSON dump of `count` papers that are new to the store: each has
 * its own arXiv id (2601.<n>), so none merges with another.
 */
export function writeRefill(inboxDir: string, count: number, random: () => number): void {
  refills += 1;
  const pick = (n: number): string => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] ?? "paper").join(" ");
  const entries = Array.from({ length: count }, (_, i) => {
    const serial = refills * 1_000 + i;
    return {
      paper: {
        id: `2601.${String(10_000 + serial).padStart(5, "0")}`,
        title: `Kill round ${serial}: ${pick(6)}`,
        summary: `We study ${pick(12)}. Our method ${pick(10)} and improves ${pick(8)}.`,
        authors: [{ name: "A. Author" }, { name: "B. Author" }],
        publishedAt: "2026-01-05T10:00:00.000Z",
        upvotes: Math.floor(random() * 50),
      },
    };
  });
  // Written aside and renamed in, the convention for a complete file: the bot never sees it half-written.
  const path = join(inboxDir, `refill-${String(refills).padStart(4, "0")}.json`);
  writeFileSync(`${path}.part`, JSON.stringify(entries));
  const past = new Date(Date.now() - 60_000);
  utimesSync(`${path}.part`, past, past);
  renameSync(`${path}.part`, path);
}
