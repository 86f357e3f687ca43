// A `node --import` preload that appends every module the process loads to the file named by
// PAPERBOT_TEST_MODULE_TRACE, one per line: ES modules through a load hook (which runs on the
// loader's thread, so it writes the file itself, synchronously), CommonJS through Module._load.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import process from "node:process";

const out = process.env["PAPERBOT_TEST_MODULE_TRACE"];
if (out !== undefined) {
  const hooks = `
import { appendFileSync } from "node:fs";
let out;
export function initialize(data) { out = data.out; }
export async function load(url, context, next) { appendFileSync(out, url + "\\n"); return next(url, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url, { data: { out } });

  const load = Module._load;
  Module._load = function traced(request, parent, isMain) {
    let name = request;
    try {
      name = Module._resolveFilename(request, parent, isMain);
    } catch {
      // Not resolvable here: record the request as written.
    }
    appendFileSync(out, `${name}\n`);
    return load.apply(this, arguments);
  };
}
