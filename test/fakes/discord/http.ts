import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpReply } from "./types.js";

export interface ParsedBody {
  body: unknown;
  files: string[];
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads a JSON body, or a multipart body (discord.js sends `payload_json` + `files[n]` when uploading). */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: string[] = [];
    let body: unknown = {};
    for (const [key, value] of form.entries()) {
      if (key === "payload_json" && typeof value === "string") body = JSON.parse(value) as unknown;
      else if (typeof value !== "string") files.push(value.name);
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString("utf8")) as unknown, files: [] };
  } catch {
    return { body: raw.toString("utf8"), files: [] };
  }
}

export function sendReply(res: ServerResponse, reply: HttpReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status === 200 ? 204 : reply.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: string[];
  authorized: boolean;
}

export interface Route {
  method: string;
  template: string;
  /** Requests need a valid `Authorization: Bot <token>` (false for interaction callbacks and webhooks). */
  auth: boolean;
  /** Channel the request targets, for failure matching and channel state. */
  channelOf?: (ctx: RouteContext) => string | undefined;
  handle: (ctx: RouteContext) => HttpReply;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  readonly #routes: CompiledRoute[] = [];

  add(route: Route): void {
    const names: string[] = [];
    const pattern = route.template.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.#routes.push({ ...route, regex: new RegExp(`^${pattern}$`), names });
  }

  /** First matching route wins, so register static segments (`@original`) before parameters. */
  match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | "method" | null {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = found[i + 1] ?? "";
      });
      return { route, params };
    }
    return pathMatched ? "method" : null;
  }
}
