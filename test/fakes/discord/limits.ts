import { FormErrors, discordError } from "./errors.js";
import type { HttpReply } from "./types.js";

/** Discord counts characters (code points), not UTF-16 units. */
export function charLength(value: unknown): number {
  return typeof value === "string" ? [...value].length : 0;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  nonce: 25,
  autocompleteChoices: 25,
} as const;

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export interface MessageValidationOptions {
  /** Edits may omit everything; creations may not be empty (50006). */
  partial?: boolean;
  /** Number of uploaded files (they make a message non-empty). */
  fileCount?: number;
}

/** Validates a message create/edit body against Discord's limits; returns the Discord error reply or null. */
export function validateMessage(body: unknown, options: MessageValidationOptions = {}): HttpReply | null {
  if (!isObj(body)) return discordError(50035, 400, "Invalid Form Body");
  const errors = new FormErrors();
  const content = body["content"];
  if (content !== undefined && content !== null && typeof content !== "string") {
    errors.add(["content"], "BASE_TYPE_STRING", "Must be a string.");
  } else if (charLength(content) > LIMITS.content) {
    errors.maxLength(["content"], LIMITS.content);
  }
  validateNonce(body["nonce"], errors);
  validateEmbeds(body["embeds"], errors);
  validateComponents(body["components"], body["flags"], errors);
  const formError = errors.reply();
  if (formError) return formError;
  if (!options.partial && isEmptyMessage(body, options.fileCount ?? 0)) return discordError(50006);
  return null;
}

function isEmptyMessage(body: Obj, fileCount: number): boolean {
  const content = body["content"];
  const hasContent = typeof content === "string" && content.trim().length > 0;
  return (
    !hasContent &&
    arr(body["embeds"]).length === 0 &&
    arr(body["components"]).length === 0 &&
    arr(body["sticker_ids"]).length === 0 &&
    arr(body["attachments"]).length === 0 &&
    body["poll"] === undefined &&
    fileCount === 0
  );
}

function validateNonce(nonce: unknown, errors: FormErrors): void {
  if (nonce === undefined || nonce === null) return;
  if (typeof nonce === "number" && Number.isInteger(nonce)) return;
  if (typeof nonce === "string" && charLength(nonce) <= LIMITS.nonce) return;
  errors.maxLength(["nonce"], LIMITS.nonce);
}

function checkMax(errors: FormErrors, path: (string | number)[], value: unknown, max: number): number {
  const length = charLength(value);
  if (length > max) errors.maxLength(path, max);
  return length;
}

function validateEmbeds(embeds: unknown, errors: FormErrors): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(["embeds"], "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (embeds.length > LIMITS.embeds) errors.maxLength(["embeds"], LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObj(embed)) return;
    total += checkMax(errors, ["embeds", i, "title"], embed["title"], LIMITS.embedTitle);
    total += checkMax(errors, ["embeds", i, "description"], embed["description"], LIMITS.embedDescription);
    const footer = embed["footer"];
    if (isObj(footer)) total += checkMax(errors, ["embeds", i, "footer", "text"], footer["text"], LIMITS.footerText);
    const author = embed["author"];
    if (isObj(author)) total += checkMax(errors, ["embeds", i, "author", "name"], author["name"], LIMITS.authorName);
    const fields = arr(embed["fields"]);
    if (fields.length > LIMITS.embedFields) errors.maxLength(["embeds", i, "fields"], LIMITS.embedFields);
    fields.forEach((field, j) => {
      if (!isObj(field)) return;
      if (charLength(field["name"]) === 0) errors.required(["embeds", i, "fields", j, "name"]);
      if (charLength(field["value"]) === 0) errors.required(["embeds", i, "fields", j, "value"]);
      total += checkMax(errors, ["embeds", i, "fields", j, "name"], field["name"], LIMITS.fieldName);
      total += checkMax(errors, ["embeds", i, "fields", j, "value"], field["value"], LIMITS.fieldValue);
    });
  });
  if (total > LIMITS.embedTotal) {
    errors.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

const IS_COMPONENTS_V2 = 1 << 15;

function validateComponents(components: unknown, flags: unknown, errors: FormErrors): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(["components"], "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (typeof flags === "number" && (flags & IS_COMPONENTS_V2) !== 0) return;
  if (components.length > LIMITS.actionRows) errors.badLength(["components"], 1, LIMITS.actionRows);
  const seen = new Set<string>();
  components.forEach((row, i) => {
    if (!isObj(row) || row["type"] !== 1) {
      errors.add(["components", i, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
      return;
    }
    const children = arr(row["components"]);
    if (children.length === 0 || children.length > LIMITS.buttonsPerRow) {
      errors.badLength(["components", i, "components"], 1, LIMITS.buttonsPerRow);
    }
    children.forEach((child, j) => validateChild(child, ["components", i, "components", j], seen, errors));
    const hasSelect = children.some((child) => isObj(child) && child["type"] !== 2);
    if (hasSelect && children.length > 1) {
      errors.add(["components", i, "components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
    }
  });
}

function validateChild(child: unknown, path: (string | number)[], seen: Set<string>, errors: FormErrors): void {
  if (!isObj(child)) return;
  const customId = child["custom_id"];
  if (child["type"] === 2) {
    checkMax(errors, [...path, "label"], child["label"], LIMITS.buttonLabel);
    const isLink = child["style"] === 5;
    if (isLink && typeof child["url"] !== "string") errors.required([...path, "url"]);
    if (!isLink && child["style"] !== 6 && typeof customId !== "string") errors.required([...path, "custom_id"]);
    if (child["label"] === undefined && child["emoji"] === undefined) errors.required([...path, "label"]);
  } else if (typeof customId !== "string") {
    errors.required([...path, "custom_id"]);
  }
  if (typeof customId === "string") {
    if (charLength(customId) > LIMITS.customId) errors.maxLength([...path, "custom_id"], LIMITS.customId);
    if (seen.has(customId)) {
      errors.add([...path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
    }
    seen.add(customId);
  }
}

/** Validates the data of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (type 8) callback. */
export function validateAutocomplete(data: unknown): HttpReply | null {
  const errors = new FormErrors();
  const choices = isObj(data) ? data["choices"] : undefined;
  if (!Array.isArray(choices)) {
    errors.required(["data", "choices"]);
    return errors.reply();
  }
  if (choices.length > LIMITS.autocompleteChoices) errors.maxLength(["data", "choices"], LIMITS.autocompleteChoices);
  choices.forEach((choice, i) => {
    if (!isObj(choice)) return;
    const nameLength = charLength(choice["name"]);
    if (nameLength < 1 || nameLength > 100) errors.badLength(["data", "choices", i, "name"], 1, 100);
    if (typeof choice["value"] === "string" && charLength(choice["value"]) > 100) {
      errors.maxLength(["data", "choices", i, "value"], 100);
    }
  });
  return errors.reply();
}
