/**
 * What the inbox scan may read. A dump dropped into the inbox is read only when it is complete (it
 * has not changed for {@link SETTLE_MS}, and it does not change while being read) and only when it
 * really is in the inbox: a symbolic link pointing out of it is skipped unless the operator allows
 * it, so a bot running as root cannot be made to read `/etc/shadow`.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { relative, isAbsolute } from "node:path";
import { MAX_DUMP_BYTES } from "../digests/index.js";

/** A file is complete once it has not been written to for this long (a copy in progress keeps touching it). */
export const SETTLE_MS = 1_000;

/** How the scan treats the files it finds. */
export interface InboxPolicy {
  /** Follow symbolic links whose target lies outside the inbox (off by default). */
  followLinksOutside: boolean;
  /** How long a file must stay unchanged before it is read. */
  settleMs: number;
  /** The file system's clock (real time: mtimes are written by it, not by the bot's clock). */
  nowMs: () => number;
}

export const DEFAULT_INBOX_POLICY: InboxPolicy = { followLinksOutside: false, settleMs: SETTLE_MS, nowMs: () => Date.now() };

/** One look at an inbox entry: ready to read, to be skipped (and why), or still being written. */
export type InboxLook =
  | { kind: "ready"; path: string; readPath: string; size: number; mtimeMs: number; fingerprint: string }
  | { kind: "skip"; reason: string; fingerprint: string }
  | { kind: "unsettled"; fingerprint: string };

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Looks at one inbox entry without following links. Null when it vanished meanwhile. `inboxReal`
 * is the inbox's own real path, so a link into the inbox (even through another name) is allowed.
 */
export function lookAt(path: string, inboxReal: string, policy: InboxPolicy): InboxLook | null {
  const own = statOrNull(path);
  if (own === null) return null;
  let readPath = path;
  let stat = own;
  if (own.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      return { kind: "skip", reason: "a symbolic link to nothing", fingerprint: `link:${own.mtimeMs}` };
    }
    if (!inside(inboxReal, target) && !policy.followLinksOutside) {
      return {
        kind: "skip",
        reason: `a symbolic link out of the inbox (to ${target}); not followed (set PAPERBOT_INBOX_FOLLOW_SYMLINKS=true to allow)`,
        fingerprint: `link:${target}:${own.mtimeMs}`,
      };
    }
    const resolved = statOrNull(target);
    if (resolved === null) return null;
    readPath = target;
    stat = resolved;
  }
  const fingerprint = `${stat.size}:${stat.mtimeMs}`;
  if (!stat.isFile()) return { kind: "skip", reason: "not a regular file", fingerprint };
  if (policy.nowMs() - stat.mtimeMs < policy.settleMs) return { kind: "unsettled", fingerprint };
  return { kind: "ready", path, readPath, size: stat.size, mtimeMs: stat.mtimeMs, fingerprint };
}

/** The bytes of a ready file, or why not: `changed` when it was written to between the looks or during the read. */
export type SettledRead =
  | { ok: true; bytes: Buffer; referenceTime: Date }
  | { ok: false; changed: true }
  | { ok: false; changed: false; reason: string };

const NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;

/**
 * Reads a file found ready, through a descriptor opened without following links (so the entry
 * cannot be swapped for a link in between), and only if its size and mtime are the same before
 * and after the read as at the look: a partial file never reaches the history.
 */
export function readSettled(look: Extract<InboxLook, { kind: "ready" }>, now: Date): SettledRead {
  let fd: number;
  try {
    fd = openSync(look.readPath, NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    if (code === "ELOOP") return { ok: false, changed: true };
    return { ok: false, changed: false, reason: `cannot read the file: ${code}` };
  }
  try {
    const same = (s: Stats): boolean => s.isFile() && s.size === look.size && s.mtimeMs === look.mtimeMs;
    if (!same(fstatSync(fd))) return { ok: false, changed: true };
    if (look.size > MAX_DUMP_BYTES) {
      return { ok: false, changed: false, reason: `file is larger than ${MAX_DUMP_BYTES / (1024 * 1024)} MB` };
    }
    const bytes = Buffer.alloc(look.size);
    let offset = 0;
    while (offset < look.size) {
      const read = readSync(fd, bytes, offset, look.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    if (offset !== look.size || !same(fstatSync(fd))) return { ok: false, changed: true };
    const mtime = new Date(look.mtimeMs);
    return { ok: true, bytes, referenceTime: mtime < now ? mtime : now };
  } catch (error) {
    return { ok: false, changed: false, reason: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? "error"}` };
  } finally {
    closeSync(fd);
  }
}

/** The inbox's real path (links in its own path resolved), against which link targets are checked. */
export function inboxRealPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
