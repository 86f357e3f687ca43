/**
 * Block Kit validation mirroring the limits Slack enforces server-side.
 * Errors use Slack's wording style: `<message> [json-pointer:/blocks/0/text/text]`.
 */
import type { JsonObject } from "./types.js";

export const LIMITS = {
  blocksPerMessage: 50,
  messageText: 40_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2_000,
  url: 3_000,
  altText: 2_000,
  markdownText: 12_000,
} as const;

export type MessageCheck =
  | { ok: true; warnings: string[] }
  | { ok: false; error: string; errors?: string[] };

const BLOCK_TYPES = new Set([
  "actions", "context", "context_actions", "divider", "file", "header", "image", "input",
  "markdown", "rich_text", "section", "table", "video",
]);

const ELEMENT_TYPES = new Set([
  "button", "checkboxes", "channels_select", "conversations_select", "datepicker", "datetimepicker",
  "email_text_input", "external_select", "feedback_buttons", "file_input", "icon_button", "image",
  "multi_channels_select", "multi_conversations_select", "multi_external_select", "multi_static_select",
  "multi_users_select", "number_input", "overflow", "plain_text_input", "radio_buttons", "rich_text_input",
  "static_select", "timepicker", "url_text_input", "users_select", "workflow_button",
]);

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class Collector {
  readonly errors: string[] = [];
  add(message: string, pointer: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }
  /** Checks an optional/required string's length. */
  str(value: unknown, pointer: string, max: number, required = false): void {
    if (value === undefined) {
      if (required) this.add("missing required field", pointer);
      return;
    }
    if (typeof value !== "string") return this.add("must be a string", pointer);
    if (required && value.length === 0) return this.add("must be more than 0 characters", pointer);
    if (value.length > max) this.add(`must be less than ${max + 1} characters`, pointer);
  }
  /** Checks a composition text object `{type, text}`. */
  text(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!isObject(value)) return this.add("must provide an object", pointer);
    const allowed = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      return this.add(`must be ${allowed.join(" or ")}`, `${pointer}/type`);
    }
    this.str(value.text, `${pointer}/text`, max, true);
  }
}

function checkElement(c: Collector, el: unknown, ptr: string, actionIds: Set<string>): void {
  if (!isObject(el)) return c.add("must provide an object", ptr);
  if (typeof el.type !== "string" || !ELEMENT_TYPES.has(el.type)) {
    return c.add(`unsupported type: ${String(el.type)}`, `${ptr}/type`);
  }
  if (el.type === "image") return checkImageElement(c, el, ptr);
  c.str(el.action_id, `${ptr}/action_id`, LIMITS.actionId);
  if (typeof el.action_id === "string") {
    if (actionIds.has(el.action_id)) c.add("duplicate action_id", `${ptr}/action_id`);
    actionIds.add(el.action_id);
  }
  if (el.type === "button") {
    c.text(el.text, `${ptr}/text`, LIMITS.buttonText, true);
    c.str(el.value, `${ptr}/value`, LIMITS.buttonValue);
    c.str(el.url, `${ptr}/url`, LIMITS.url);
    if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") {
      c.add("must be primary or danger", `${ptr}/style`);
    }
  }
}

function checkImageElement(c: Collector, el: JsonObject, ptr: string): void {
  if (el.image_url === undefined && el.slack_file === undefined) c.add("missing required field: image_url", ptr);
  c.str(el.image_url, `${ptr}/image_url`, LIMITS.url);
  c.str(el.alt_text, `${ptr}/alt_text`, LIMITS.altText, true);
}

function checkArray(c: Collector, value: unknown, ptr: string, max: number): unknown[] {
  if (!Array.isArray(value)) {
    c.add("must provide an array", ptr);
    return [];
  }
  if (value.length === 0) c.add("must provide at least 1 item", ptr);
  if (value.length > max) c.add(`no more than ${max} items allowed`, ptr);
  return value;
}

function checkSection(c: Collector, b: JsonObject, ptr: string): void {
  if (b.text === undefined && b.fields === undefined && b.expand === undefined) {
    c.add("must provide either text or fields", ptr);
  }
  if (b.text !== undefined) c.text(b.text, `${ptr}/text`, LIMITS.sectionText);
  if (b.fields !== undefined) {
    const fields = checkArray(c, b.fields, `${ptr}/fields`, LIMITS.sectionFields);
    fields.forEach((f, i) => c.text(f, `${ptr}/fields/${i}`, LIMITS.sectionFieldText));
  }
  if (b.accessory !== undefined) checkElement(c, b.accessory, `${ptr}/accessory`, new Set());
}

function checkBlock(c: Collector, b: unknown, ptr: string, blockIds: Set<string>): void {
  if (!isObject(b)) return c.add("must provide an object", ptr);
  if (typeof b.type !== "string" || !BLOCK_TYPES.has(b.type)) {
    return c.add(`unsupported type: ${String(b.type)}`, `${ptr}/type`);
  }
  c.str(b.block_id, `${ptr}/block_id`, LIMITS.blockId);
  if (typeof b.block_id === "string") {
    if (blockIds.has(b.block_id)) c.add("duplicate block_id", `${ptr}/block_id`);
    blockIds.add(b.block_id);
  }
  switch (b.type) {
    case "section":
      return checkSection(c, b, ptr);
    case "header":
      return c.text(b.text, `${ptr}/text`, LIMITS.headerText, true);
    case "context": {
      const els = checkArray(c, b.elements, `${ptr}/elements`, LIMITS.contextElements);
      els.forEach((el, i) => {
        const p = `${ptr}/elements/${i}`;
        if (isObject(el) && el.type === "image") checkImageElement(c, el, p);
        else c.text(el, p, LIMITS.sectionText);
      });
      return;
    }
    case "actions": {
      const els = checkArray(c, b.elements, `${ptr}/elements`, LIMITS.actionsElements);
      const ids = new Set<string>();
      els.forEach((el, i) => {
        if (isObject(el) && el.type === "image") c.add("unsupported type: image", `${ptr}/elements/${i}/type`);
        else checkElement(c, el, `${ptr}/elements/${i}`, ids);
      });
      return;
    }
    case "image":
      checkImageElement(c, b, ptr);
      if (b.title !== undefined) c.text(b.title, `${ptr}/title`, LIMITS.altText, true);
      return;
    case "markdown":
      return c.str(b.text, `${ptr}/text`, LIMITS.markdownText, true);
    case "rich_text":
      checkArray(c, b.elements, `${ptr}/elements`, Number.MAX_SAFE_INTEGER);
      return;
    case "input":
      c.text(b.label, `${ptr}/label`, 2_000, true);
      if (b.element === undefined) c.add("missing required field: element", ptr);
      else checkElement(c, b.element, `${ptr}/element`, new Set());
      return;
    default:
      return;
  }
}

/** Validates a `blocks` array on its own (used for messages and response_url payloads). */
export function checkBlocks(blocks: unknown): string[] {
  const c = new Collector();
  if (!Array.isArray(blocks)) {
    c.add("must provide an array", "/blocks");
    return c.errors;
  }
  if (blocks.length > LIMITS.blocksPerMessage) {
    c.add(`no more than ${LIMITS.blocksPerMessage} items allowed`, "/blocks");
  }
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(c, b, `/blocks/${i}`, blockIds));
  return c.errors;
}

/**
 * Checks a message the way chat.postMessage does: `no_text`, `msg_too_long`, `invalid_blocks`,
 * and the `missing_text_in_blocks` warning when blocks come without a fallback `text`.
 */
export function checkMessage(msg: { text: unknown; blocks: unknown; attachments?: unknown }): MessageCheck {
  const text = typeof msg.text === "string" ? msg.text : undefined;
  const hasBlocks = Array.isArray(msg.blocks) && msg.blocks.length > 0;
  const hasAttachments = Array.isArray(msg.attachments) && msg.attachments.length > 0;
  if (msg.blocks !== undefined && !Array.isArray(msg.blocks)) return { ok: false, error: "invalid_blocks_format" };
  if ((text === undefined || text.trim() === "") && !hasBlocks && !hasAttachments) {
    return { ok: false, error: "no_text" };
  }
  if (text !== undefined && text.length > LIMITS.messageText) return { ok: false, error: "msg_too_long" };
  if (msg.blocks !== undefined) {
    const errors = checkBlocks(msg.blocks);
    if (errors.length > 0) return { ok: false, error: "invalid_blocks", errors };
  }
  const warnings = hasBlocks && (text === undefined || text === "") ? ["missing_text_in_blocks"] : [];
  return { ok: true, warnings };
}
