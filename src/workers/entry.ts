import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The file a worker thread runs, given the URL of a module (`import.meta.url`) and the worker's
 * module path relative to it, without extension. Workers run compiled JavaScript: when the caller itself runs from the
 * TypeScript sources (the test runner), the built counterpart under `dist/` is used, so `npm run
 * build` must have run (as `npm test` does).
 */
export function workerEntry(besideModule: string, name: string): URL {
  const here = fileURLToPath(besideModule);
  if (!here.endsWith(".ts")) return new URL(`./${name}.js`, besideModule);
  const built = here.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, "$1dist$1src$2").replace(/[^\\/]+\.ts$/, `${name}.js`);
  if (!existsSync(built)) throw new Error(`worker ${name} is not built: run npm run build (${built})`);
  return pathToFileURL(built);
}
