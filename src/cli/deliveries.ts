import type { App } from "../app.js";
import { PaperbotError } from "../errors.js";
import type { DeliveryState } from "../store/index.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

const STATES: readonly DeliveryState[] = ["pending", "sending", "sent", "failed", "dead", "skipped"];
const USAGE = "[--state S] [--retry ID | --retry-dead] [--limit N] [--json]";

/** Lists outbox rows and revives failed or dead ones (`--retry ID`, `--retry-dead`). */
export function deliveriesCommand(io: CliIo, args: string[], openApp: () => App): number {
  const { values } = parseCommandArgs(
    "deliveries",
    args,
    {
      state: { type: "string" },
      retry: { type: "string" },
      "retry-dead": { type: "boolean" },
      limit: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const state = values.state;
  if (state !== undefined && !STATES.includes(state as DeliveryState)) {
    throw new PaperbotError("USAGE", `--state takes one of ${STATES.join(", ")}`, "--state");
  }
  const limit = Number(values.limit ?? "50");
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new PaperbotError("USAGE", "--limit takes a whole number from 1 to 10000", "--limit");
  }
  const app = openApp();
  try {
    const db = app.store.db;
    const now = app.clock.now().toISOString();
    if (values.retry !== undefined || values["retry-dead"] === true) {
      const id = values.retry === undefined ? null : Number(values.retry);
      if (id !== null && !Number.isInteger(id)) throw new PaperbotError("USAGE", "--retry takes a delivery id", "--retry");
      const revived = db
        .prepare(`UPDATE deliveries SET state = 'pending', due_at = ?, next_attempt_at = NULL, attempts = 0
          WHERE state IN ('failed', 'dead') AND (? IS NULL OR id = ?) AND (? = 0 OR state = 'dead')`)
        .run(now, id, id, id === null ? 1 : 0).changes;
      if (id !== null && revived === 0) {
        throw new PaperbotError("NOT_FOUND", `no failed or dead delivery with id ${id}`, "--retry");
      }
      if (values.json === true) printJson(io, { revived });
      else io.out(`revived ${revived} deliver${revived === 1 ? "y" : "ies"}; they are sent at the next delivery pass\n`);
      return 0;
    }
    const rows = db
      .prepare(`SELECT d.id, d.state, d.attempts, d.due_at AS dueAt, d.next_attempt_at AS nextAttemptAt,
          d.last_error AS lastError, p.title, t.platform, t.kind,
          CASE WHEN t.kind = 'webhook' THEN '(webhook)' ELSE t.address END AS address
        FROM deliveries d JOIN papers p ON p.id = d.paper_id JOIN destinations t ON t.id = d.destination_id
        WHERE (? IS NULL OR d.state = ?) ORDER BY d.id DESC LIMIT ?`)
      .all(state ?? null, state ?? null, limit) as Record<string, unknown>[];
    if (values.json === true) {
      printJson(io, { deliveries: rows });
    } else {
      for (const r of rows) {
        const error = r.lastError === null ? "" : `  (${String(r.lastError)})`;
        io.out(`#${String(r.id)} ${String(r.state)} ×${String(r.attempts)} ${String(r.platform)}/${String(r.kind)}/${String(r.address)}  ${String(r.title)}${error}\n`);
      }
      if (rows.length === 0) io.out("no deliveries\n");
    }
    return 0;
  } finally {
    app.close();
  }
}
