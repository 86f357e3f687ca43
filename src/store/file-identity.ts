import { statSync } from "node:fs";

/**
 * The database file a store opened, remembered by device and inode: if the path is deleted or a
 * new file is put in its place while the bot runs, the connection still writes to the old (perhaps
 * unlinked) file, and every later ingest and announcement would go where nobody will ever read it.
 */
export class DatabaseFileIdentity {
  private readonly dev: number;
  private readonly ino: number;

  constructor(private readonly path: string) {
    const stat = statSync(path);
    this.dev = stat.dev;
    this.ino = stat.ino;
  }

  /** Why the path no longer names the file that was opened, or null while it still does. */
  change(): string | null {
    let stat;
    try {
      stat = statSync(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      return code === "ENOENT" ? "the database file was deleted while the bot was running" : `the database file cannot be read (${code})`;
    }
    if (stat.dev !== this.dev || stat.ino !== this.ino) return "the database file was replaced by another file while the bot was running";
    return null;
  }
}
