// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const platformLibraries = ["discord.js", "@slack/bolt", "@slack/web-api", "@slack/socket-mode"];

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
  {
    files: ["src/**/*.ts"],
    ignores: ["src/adapters/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: platformLibraries.map((name) => ({
            name,
            message: "Only src/adapters/<platform>/ may import a platform library.",
          })),
        },
      ],
    },
  },
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
