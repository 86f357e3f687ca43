// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

import { readFileSync } from "node:fs";

/**
 * Libraries any folder may use; every other dependency in package.json is a platform library,
 * for src/adapters/<platform>/ only (with its whole npm scope, e.g. @slack/*). The same split
 * is checked by test/architecture.test.ts, so adding a platform's library needs no change here.
 */
const coreLibraries = ["zod", "node-cron", "pino", "prom-client", "cli-progress"];
const storeLibraries = ["better-sqlite3"];
const dependencies = Object.keys(JSON.parse(readFileSync(new globalThis.URL("./package.json", import.meta.url), "utf8")).dependencies);
const platformLibraries = dependencies.filter((name) => !coreLibraries.includes(name) && !storeLibraries.includes(name));
const platformScopes = [...new Set(platformLibraries.filter((name) => name.startsWith("@")).map((name) => `${name.split("/")[0]}/*`))];

const platformRule = (name) => ({ name, message: "Only src/adapters/<platform>/ may import a platform library." });
const sqliteRules = storeLibraries.map((name) => ({ name, message: "Only src/store/ knows SQL; ask the store by intent." }));
const platformScopeRule = { group: platformScopes, message: "Only src/adapters/<platform>/ may import a platform library." };
const storeInternals = {
  group: ["**/store/sqlite.js", "**/store/database.js", "**/store/search-sql.js"],
  message: "Use the Store interface from store/index.js; the SQLite implementation is the store's own.",
};

/** Import bans for a part of src/: platform libraries outside adapters, SQLite outside the store. */
function restrictImports({ platform, sqlite }) {
  const paths = [...(platform ? platformLibraries.map(platformRule) : []), ...(sqlite ? sqliteRules : [])];
  const patterns = [...(platform && platformScopes.length > 0 ? [platformScopeRule] : []), ...(sqlite ? [storeInternals] : [])];
  return { "no-restricted-imports": ["error", { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "data/**", "test/fixtures/architecture/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-properties": [
        "error",
        { object: "vi", property: "mock", message: "Use fakes under test/fakes/, not module mocks." },
        { object: "process", property: "exit", message: "Return an exit code; only src/cli.ts ends the process." },
      ],
      eqeqeq: ["error", "always"],
      // Sanitising hostile input needs control characters in patterns.
      "no-control-regex": "off",
    },
  },
  { files: ["src/**/*.ts"], ignores: ["src/adapters/**", "src/store/**"], rules: restrictImports({ platform: true, sqlite: true }) },
  { files: ["src/adapters/**/*.ts"], rules: restrictImports({ platform: false, sqlite: true }) },
  { files: ["src/store/**/*.ts"], rules: restrictImports({ platform: true, sqlite: false }) },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/config/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Only src/config/ reads process.env; take settings from the loaded Config.",
        },
      ],
    },
  },
  {
    files: ["src/cli.ts", "bench/**/*.ts", "test/**/*.ts"],
    rules: { "no-restricted-properties": "off" },
  },
);
