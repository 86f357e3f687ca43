/** One line of `paperbot doctor`: what was checked, how it went, and what to do when it failed. */
export interface CheckResult {
  ok: boolean;
  title: string;
  /** What was found: shown after the title. */
  detail?: string;
  /** What to do about a failure (shown under a ✘). */
  fix?: string;
  /** Further facts shown under the line, ✔ or ✘ (a channel's next digest time). */
  notes?: string[];
}

/** What the doctor's own checks read from the configuration (the command line maps the Config). */
export interface DoctorSettings {
  dataDir: string;
  inboxDir: string;
  dbPath: string;
  timeZone: string;
  digestSchedule: string;
  channels: readonly { platform: string; id?: string | undefined; webhookUrl?: string | undefined; schedule?: string | undefined; timeZone?: string | undefined }[];
  /** Platforms whose settings (credentials) ask for them, channels or not. */
  platforms: readonly string[];
  /** The configured sources that fetch over the network (the inbox is checked with the data dir). */
  sources: readonly { name: string; type: string; apiUrl: string }[];
}

/** A channel or webhook that digests go to, as the doctor checks it. */
export interface DoctorTarget {
  platform: string;
  kind: "channel" | "webhook";
  /** Channel id, or the webhook URL (never printed: it carries a secret). */
  address: string;
  /** How the target is named in the checklist (`channel 123…`, `webhook #2 (config)`). */
  label: string;
  schedule: string;
  timeZone: string;
}

/**
 * The checks of one chat platform: token, channels, permissions, webhooks. Each platform module
 * provides its own (src/adapters/<platform>/doctor.ts); a failure is a result, never a throw.
 */
export type PlatformDoctor = (targets: readonly DoctorTarget[], notesFor: (target: DoctorTarget) => string[]) => Promise<CheckResult[]>;

export const pass = (title: string, detail?: string, notes?: string[]): CheckResult => ({
  ok: true,
  title,
  ...(detail === undefined ? {} : { detail }),
  ...(notes === undefined ? {} : { notes }),
});

export const fail = (title: string, detail: string, fix: string, notes?: string[]): CheckResult => ({
  ok: false,
  title,
  detail,
  fix,
  ...(notes === undefined ? {} : { notes }),
});

/** The checklist as printed: `✔ title: detail`, and under each ✘ the fix. */
export function renderChecklist(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? "✔" : "✘"} ${r.title}${r.detail === undefined ? "" : `: ${r.detail}`}`);
    for (const note of r.notes ?? []) lines.push(`    ${note}`);
    if (!r.ok && r.fix !== undefined) lines.push(`    fix: ${r.fix}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  lines.push("");
  lines.push(failed === 0 ? "all checks passed" : `${failed} check${failed === 1 ? "" : "s"} failed`);
  return `${lines.join("\n")}\n`;
}

/** A network failure as a short reason: DNS, refused, timeout, or the HTTP status. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  if (typeof code === "string" && code.length > 0) return code;
  if (error instanceof Error) return error.name === "TimeoutError" || error.name === "AbortError" ? "timed out" : error.message;
  return String(error);
}
