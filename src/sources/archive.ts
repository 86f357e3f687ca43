import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PaperbotError } from "../errors.js";
import { contentHash } from "../ingest/ingest.js";

/**
 * Keeps a fetched response as a dump file, `<archive>/<source>/<day>-<hash>.<ext>`, named by its
 * content so the same answer is kept once; written beside and renamed into place, so a crash never
 * leaves half a file under the final name. `paperbot ingest <archive>` replays it offline.
 */
export function archiveResponse(archiveDir: string, source: string, day: string, ext: "json" | "atom", bytes: Buffer): string {
  const dir = join(archiveDir, source);
  const path = join(dir, `${day}-${contentHash(bytes).slice(0, 16)}.${ext}`);
  if (existsSync(path)) return path;
  try {
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new PaperbotError("STORE_WRITE_FAILED", `cannot keep the fetched response: ${code}`, path, { cause: error });
  }
  return path;
}
