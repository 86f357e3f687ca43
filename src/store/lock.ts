import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { PaperbotError } from "../errors.js";

/**
 * One running bot per database: `paperbot run` holds `<db>.lock` (with its pid) while it runs, so
 * a second bot cannot release the first one's in-flight deliveries and send them twice. A lock
 * left by a process that no longer exists is taken over.
 */
export function acquireRunLock(dbPath: string): () => void {
  const path = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new PaperbotError("STORE_UNAVAILABLE", `cannot create the lock file: ${(error as NodeJS.ErrnoException).code ?? "error"}`, path);
      }
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new PaperbotError("STORE_UNAVAILABLE", `another paperbot (pid ${holder}) is running on this database`, path);
      }
      rmSync(path, { force: true });
    }
  }
  throw new PaperbotError("STORE_UNAVAILABLE", "cannot take the run lock", path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
