// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const platformLibraries = ["discord.js", "@slack/bolt", "@slack/web-api", "@slack/socket-mode"];

const platformRule = (name) => ({ name, message: "Only src/adapters/<platform>/ may import a platform library." });
const sqliteRule = { name: "better-sqlite3", message: "Only src/store/ knows SQL; ask the store by intent." };
const storeInternals = {
  group: ["**/store/sqlite.js", "**/store/database.js", "**/store/search-sql.js"],
  message: "Use the Store interface from store/index.js; the SQLite implementation is the store's own.",
};

/** Import bans for a part of src/: platform libraries outside adapters, SQLite outside the store. */
function restrictImports({ platform, sqlite }) {
  const paths = [...(platform ? platformLibraries.map(platformRule) : []), ...(sqlite ? [sqliteRule] : [])];
  return { "no-restricted-imports": ["error", { paths, patterns: sqlite ? [storeInternals] : [] }] };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "data/**"] },
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
    ignores: ["src/config/**", "src/cli.ts"],
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
