import { deliveryStatus } from "../app-store.js";
import { plural } from "../plural.js";
import type { Store } from "../store/index.js";
import { columns, parseCommandArgs, printJson, type CliIo } from "./io.js";

/**
 * `paperbot status`: counts, deliveries by state and every destination, in aligned columns.
 * `pending` counts what will be sent; rows for a platform that does not run with this
 * configuration, or for a disabled destination, are `held`. Opens the store read-only.
 */
export function statusCommand(io: CliIo, args: string[], where: { dbPath: string; platforms: readonly string[] }, openStore: () => Store): number {
  const { values } = parseCommandArgs("status", args, { json: { type: "boolean" } }, "[--json]");
  const store = openStore();
  try {
    const status = deliveryStatus(store, where.platforms);
    if (values.json === true) {
      printJson(io, { db: where.dbPath, ...status });
      return 0;
    }
    const d = status.deliveries;
    const held = d.held > 0 ? `, held ${d.held} (not sent as configured: the platform does not run or the destination is disabled)` : "";
    io.out(
      columns([
        ["database", where.dbPath],
        ["papers", `${status.papers} (from ${plural(status.dumps, "dump")}, ${status.rejectedDumps} rejected)`],
        ["subscriptions", String(status.subscriptions)],
        ["deliveries", `pending ${d.pending}, sending ${d.sending}, sent ${d.sent}, failed ${d.failed}, dead ${d.dead}${held}`],
      ]),
    );
    for (const source of status.sources) {
      const last = source.lastSuccessAt === null ? "never fetched" : `last success ${source.lastSuccessAt}`;
      const day = source.lastDay === null ? "" : `, through ${source.lastDay}`;
      const failing = source.lastError === null ? "" : `; LAST ERROR ${source.lastErrorAt ?? ""}: ${source.lastError}`;
      io.out(`source ${source.source}: ${last}${day}, ${plural(source.requests, "request")}${failing}\n`);
    }
    if (status.destinations.length === 0) io.out("destinations  none\n");
    else {
      io.out("destinations\n");
      const rows = status.destinations.map((dest) => [
        dest.platform,
        dest.kind,
        dest.address,
        dest.digest ? dest.schedule : "no digest",
        dest.status === "active" ? "active" : `DISABLED: ${dest.reason ?? "unknown reason"}`,
      ]);
      io.out(columns([["platform", "kind", "address", "schedule", "state"], ...rows], "  "));
    }
    return 0;
  } finally {
    store.close();
  }
}
