import type { ChannelSettings, Destination, DestinationIdentity, DestinationKind } from "../domain/destination.js";
import type { Db } from "./database.js";
import type { DestinationRepository } from "./types.js";

interface DestinationRowDb {
  id: number;
  platform: string;
  kind: DestinationKind;
  address: string;
  workspace: string | null;
  label: string | null;
  schedule: string;
  time_zone: string | null;
  min_upvotes: number;
  filter: string | null;
  digest_enabled: number;
  thread: number;
  status: "active" | "disabled";
  status_reason: string | null;
  notice: string | null;
  created_at: string;
  declared: number;
}

const toDestination = (r: DestinationRowDb): Destination => ({
  id: r.id,
  platform: r.platform,
  kind: r.kind,
  address: r.address,
  workspace: r.workspace,
  label: r.label,
  schedule: r.schedule,
  timeZone: r.time_zone,
  minUpvotes: r.min_upvotes,
  filter: r.filter,
  digestEnabled: r.digest_enabled === 1,
  thread: r.thread === 1,
  status: r.status,
  statusReason: r.status_reason,
  notice: r.notice,
  createdAt: r.created_at,
  declared: r.declared === 1,
});

/** Prepared statements over destinations. */
export class DestinationStore implements DestinationRepository {
  private readonly byIdentity;
  private readonly byId;
  private readonly insertRow;
  private readonly updateSettings;
  private readonly updateStatus;
  private readonly updateNotice;
  private readonly digestChannels;
  private readonly allRows;
  private readonly updateDeclared;

  constructor(db: Db) {
    this.byIdentity = db.prepare<[string, string, string], DestinationRowDb>(
      "SELECT * FROM destinations WHERE platform = ? AND kind = ? AND address = ?",
    );
    this.byId = db.prepare<[number], DestinationRowDb>("SELECT * FROM destinations WHERE id = ?");
    this.insertRow = db.prepare(`INSERT INTO destinations (platform, kind, address, workspace, label, schedule,
      created_at, updated_at) VALUES (@platform, @kind, @address, @workspace, @label, @schedule, @at, @at)
      ON CONFLICT (platform, kind, address) DO NOTHING`);
    this.updateSettings = db.prepare(`UPDATE destinations SET schedule = @schedule, time_zone = @timeZone,
      min_upvotes = @minUpvotes, filter = @filter, digest_enabled = @digestEnabled,
      thread = coalesce(@thread, thread), updated_at = @at WHERE id = @id`);
    this.updateStatus = db.prepare(
      "UPDATE destinations SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
    );
    this.updateNotice = db.prepare("UPDATE destinations SET notice = ? WHERE id = ?");
    this.digestChannels = db.prepare<[], DestinationRowDb>(
      "SELECT * FROM destinations WHERE digest_enabled = 1 AND status = 'active' ORDER BY id",
    );
    this.allRows = db.prepare<[], DestinationRowDb>("SELECT * FROM destinations ORDER BY id");
    this.updateDeclared = db.prepare("UPDATE destinations SET declared = ? WHERE id = ?");
  }

  /** Finds or creates a destination; a new one starts with the given default schedule. */
  ensure(identity: DestinationIdentity, defaultSchedule: string, at: Date): Destination {
    this.insertRow.run({
      platform: identity.platform,
      kind: identity.kind,
      address: identity.address,
      workspace: identity.workspace ?? null,
      label: identity.label ?? null,
      schedule: defaultSchedule,
      at: at.toISOString(),
    });
    const row = this.byIdentity.get(identity.platform, identity.kind, identity.address);
    if (row === undefined) throw new Error(`destination vanished: ${identity.platform}/${identity.address}`);
    return toDestination(row);
  }

  find(platform: string, kind: DestinationKind, address: string): Destination | undefined {
    const row = this.byIdentity.get(platform, kind, address);
    return row === undefined ? undefined : toDestination(row);
  }

  get(id: number): Destination | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toDestination(row);
  }

  configure(id: number, settings: ChannelSettings, at: Date): void {
    this.updateSettings.run({
      id,
      ...settings,
      digestEnabled: settings.digestEnabled ? 1 : 0,
      thread: settings.thread === undefined ? null : settings.thread ? 1 : 0,
      at: at.toISOString(),
    });
  }

  disable(id: number, reason: string, at: Date): void {
    this.updateStatus.run("disabled", reason, at.toISOString(), id);
  }

  enable(id: number, at: Date): void {
    this.updateStatus.run("active", null, at.toISOString(), id);
  }

  setNotice(id: number, notice: string | null): void {
    this.updateNotice.run(notice, id);
  }

  /** Active channels that receive digests of every new paper (subject to their filters). */
  digestDestinations(): Destination[] {
    return this.digestChannels.all().map(toDestination);
  }

  all(): Destination[] {
    return this.allRows.all().map(toDestination);
  }

  setDeclared(id: number, declared: boolean): void {
    this.updateDeclared.run(declared ? 1 : 0, id);
  }
}
