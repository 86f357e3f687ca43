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
    const now = app.clock.now();
    if (values.retry !== undefined || values["retry-dead"] === true) {
      const id = values.retry === undefined ? null : Number(values.retry);
      if (id !== null && !Number.isInteger(id)) throw new PaperbotError("USAGE", "--retry takes a delivery id", "--retry");
      const revived = app.store.deliveries.revive(id === null ? { deadOnly: true } : { id }, now);
      if (id !== null && revived === 0) {
        throw new PaperbotError("NOT_FOUND", `no failed or dead delivery with id ${id}`, "--retry");
      }
      if (values.json === true) printJson(io, { revived });
      else io.out(`revived ${revived} deliver${revived === 1 ? "y" : "ies"}; they are sent at the next delivery pass\n`);
      return 0;
    }
    const rows = app.store.deliveries.list({ ...(state === undefined ? {} : { state: state as DeliveryState }), limit });
    if (values.json === true) {
      printJson(io, { deliveries: rows });
    } else {
      for (const r of rows) {
        const error = r.lastError === null ? "" : `  (${r.lastError})`;
        io.out(`#${r.id} ${r.state} ×${r.attempts} ${r.platform}/${r.kind}/${r.address}  ${r.title}${error}\n`);
      }
      if (rows.length === 0) io.out("no deliveries\n");
    }
    return 0;
  } finally {
    app.close();
  }
}
