/**
 * File uploads the way `filesUploadV2` does them: files.getUploadURLExternal hands out an upload
 * URL on this server, the client POSTs the bytes there, files.completeUploadExternal shares the
 * uploaded files in a channel (optionally in a thread, with a comment). Shared files are recorded.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiHandler } from "./chatMethods.js";
import { decodeJsonArg, sendText, strArg } from "./httpUtil.js";
import type { JsonObject } from "./types.js";

/** A file shared in a channel. */
export interface SharedFile {
  id: string;
  filename: string;
  title: string;
  content: string;
  channel: string;
  threadTs: string | undefined;
  initialComment: string | undefined;
}

interface Upload {
  filename: string;
  length: number;
  content: string | undefined;
}

const fail = (error: string): JsonObject => ({ ok: false, error });

/** Uploads in progress and files shared, for one fake workspace. */
export class FileDesk {
  readonly shared: SharedFile[] = [];
  private readonly uploads = new Map<string, Upload>();
  private counter = 0;

  constructor(private readonly baseUrl: () => string) {}

  readonly getUploadUrl: ApiHandler = ({ args }) => {
    const filename = strArg(args.filename);
    const length = Number(strArg(args.length) ?? args.length);
    if (filename === undefined || filename === "") return fail("invalid_arguments");
    if (!Number.isInteger(length) || length < 1) return fail("invalid_arguments");
    this.counter += 1;
    const id = `F${String(this.counter).padStart(9, "0")}`;
    this.uploads.set(id, { filename, length, content: undefined });
    return { ok: true, upload_url: `${this.baseUrl()}/upload/${id}`, file_id: id };
  };

  readonly complete: ApiHandler = ({ args }) => {
    const decoded = decodeJsonArg(args.files);
    const list = decoded.ok && Array.isArray(decoded.value) ? (decoded.value as JsonObject[]) : undefined;
    if (list === undefined || list.length === 0) return fail("invalid_arguments");
    const channel = strArg(args.channel_id) ?? strArg(args.channels);
    const files: JsonObject[] = [];
    for (const entry of list) {
      const id = strArg(entry.id) ?? "";
      const upload = this.uploads.get(id);
      if (upload?.content === undefined) return fail("file_not_found");
      const title = strArg(entry.title) ?? upload.filename;
      if (channel !== undefined) {
        this.shared.push({ id, filename: upload.filename, title, content: upload.content, channel, threadTs: strArg(args.thread_ts), initialComment: strArg(args.initial_comment) });
      }
      files.push({ id, name: upload.filename, title });
    }
    return { ok: true, files };
  };

  /** POST /upload/:id: the bytes of one file (raw, or a multipart form whose file part is taken). */
  async receive(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upload = this.uploads.get(id);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (upload === undefined) return sendText(res, 404, "not_found");
    const type = req.headers["content-type"] ?? "";
    let content = raw.toString("utf8");
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": type } }).formData();
      for (const value of form.values()) content = typeof value === "string" ? value : await value.text();
    }
    upload.content = content;
    sendText(res, 200, `OK - ${raw.length}`);
  }
}
