import type { HttpReply } from "./types.js";

/** Discord JSON error codes the fake produces, with the HTTP status and message Discord uses. */
export const DISCORD_ERRORS: Record<number, { status: number; message: string }> = {
  0: { status: 401, message: "401: Unauthorized" },
  10003: { status: 404, message: "Unknown Channel" },
  10004: { status: 404, message: "Unknown Guild" },
  10007: { status: 404, message: "Unknown Member" },
  10008: { status: 404, message: "Unknown Message" },
  10013: { status: 404, message: "Unknown User" },
  10015: { status: 404, message: "Unknown Webhook" },
  10062: { status: 404, message: "Unknown interaction" },
  10063: { status: 404, message: "Unknown application command" },
  20012: { status: 403, message: "You are not authorized to perform this action on this application" },
  40060: { status: 400, message: "Interaction has already been acknowledged." },
  50001: { status: 403, message: "Missing Access" },
  50005: { status: 403, message: "Cannot edit a message authored by another user" },
  50006: { status: 400, message: "Cannot send an empty message" },
  50007: { status: 403, message: "Cannot send messages to this user" },
  50013: { status: 403, message: "Missing Permissions" },
  50027: { status: 401, message: "Invalid Webhook Token" },
  50035: { status: 400, message: "Invalid Form Body" },
  160004: { status: 400, message: "A thread has already been created for this message" },
};

export function discordError(code: number, status?: number, message?: string): HttpReply {
  const known = DISCORD_ERRORS[code];
  return {
    status: status ?? known?.status ?? 400,
    body: { message: message ?? known?.message ?? "Unknown error", code },
  };
}

export function unauthorized(): HttpReply {
  return discordError(0);
}

export function notFound(): HttpReply {
  return { status: 404, body: { message: "404: Not Found", code: 0 } };
}

export function methodNotAllowed(): HttpReply {
  return { status: 405, body: { message: "405: Method Not Allowed", code: 0 } };
}

/** One field error, Discord style: `{ _errors: [{ code, message }] }`. */
export interface FieldError {
  _errors: { code: string; message: string }[];
}

/** Nested error tree keyed by field names / array indices, e.g. `{ embeds: { "0": { title: FieldError } } }`. */
export interface ErrorTree {
  [key: string]: ErrorTree | FieldError["_errors"];
}

/** Collects Discord "Invalid Form Body" errors at nested paths. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: (string | number)[], code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[k] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const existing = node["_errors"];
    const list = Array.isArray(existing) ? existing : [];
    list.push({ code, message });
    node["_errors"] = list;
    this.count += 1;
  }

  maxLength(path: (string | number)[], max: number): void {
    this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  badLength(path: (string | number)[], min: number, max: number): void {
    this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  }

  required(path: (string | number)[]): void {
    this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  }

  reply(): HttpReply | null {
    if (this.count === 0) return null;
    return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: this.tree } };
  }
}
