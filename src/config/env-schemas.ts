import { z } from "zod";
import { HOST_HINT, HOST_PATTERN, type EnvKind } from "../env-values.js";

/*
 * The schema of each kind of environment value (see env-values.ts): the one judge of a value and
 * the wording of its problem. An empty (or blank) value counts as unset.
 */

const emptyIsUnset = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const hostSchema = z.string().trim().regex(HOST_PATTERN, HOST_HINT);

const SCHEMAS = {
  string: z.preprocess(emptyIsUnset, z.string().trim().min(1).optional()),
  port: z.preprocess(emptyIsUnset, z.coerce.number().int("a whole number").min(0).max(65535).optional()),
  url: z.preprocess(emptyIsUnset, z.url().optional()),
  /** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`); never "any non-empty string is true". */
  flag: z.preprocess(emptyIsUnset, z.union([z.boolean(), z.stringbool()]).optional()),
  host: z.preprocess(emptyIsUnset, hostSchema.optional()),
} as const;

export function envSchemaOf(kind: EnvKind): z.ZodType {
  return typeof kind === "string" ? SCHEMAS[kind] : z.preprocess(emptyIsUnset, z.enum(kind.oneOf).optional());
}
