import type { Store } from "../store/index.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

export function statusCommand(io: CliIo, args: string[], dbPath: string, openStore: () => Store): number {
  const { values } = parseCommandArgs("status", args, { json: { type: "boolean" } }, "[--json]");
  const store = openStore();
  try {
    const status = store.status();
    if (values.json === true) {
      printJson(io, { db: dbPath, ...status });
      return 0;
    }
    const d = status.deliveries;
    io.out(`database   ${dbPath}\n`);
    io.out(`papers     ${status.papers} (from ${status.dumps} dumps, ${status.rejectedDumps} rejected)\n`);
    io.out(`subscriptions ${status.subscriptions}\n`);
    io.out(`deliveries pending ${d.pending}, sending ${d.sending}, sent ${d.sent}, failed ${d.failed}, dead ${d.dead}\n`);
    for (const source of status.sources) {
      const last = source.lastSuccessAt === null ? "never fetched" : `last success ${source.lastSuccessAt}`;
      const day = source.lastDay === null ? "" : `, through ${source.lastDay}`;
      const failing = source.lastError === null ? "" : `; LAST ERROR ${source.lastErrorAt ?? ""}: ${source.lastError}`;
      io.out(`source ${source.source}: ${last}${day}, ${source.requests} requests${failing}\n`);
    }
    for (const dest of status.destinations) {
      const state = dest.status === "active" ? "active" : `DISABLED: ${dest.reason ?? "unknown reason"}`;
      io.out(`  ${dest.platform} ${dest.kind} ${dest.address}  ${dest.digest ? dest.schedule : "no digest"}  ${state}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
