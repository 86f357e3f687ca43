import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../src/adapters/index.js";
import {
  CORE_LIBRARIES,
  coreImportsOfEdge,
  envReadersOutsideConfig,
  findCycle,
  folderCycle,
  platformLibrariesOutsideAdapters,
  readTree,
  STORE_LIBRARIES,
  storeLibrariesOutsideStore,
} from "./architecture/boundaries.js";

const SRC = resolve(import.meta.dirname, "../src");
const FIXTURES = resolve(import.meta.dirname, "fixtures/architecture");
const tree = readTree(SRC);
const fixture = (name: string) => readTree(join(FIXTURES, name, "src"));

/** File-level import graph of the real tree. */
function fileGraph(): Map<string, string[]> {
  return new Map(tree.map((f) => [f.path, f.local]));
}

describe("module boundaries", () => {
  it("GIVEN the source tree THEN no module imports itself through a cycle", () => {
    const graph = fileGraph();
    expect(graph.get("main.ts")).toContain("app.ts");
    expect(graph.get("cli/run.ts")).toContain("adapters/index.ts");
    expect(findCycle(graph)).toBeNull();
  });

  it("GIVEN a core module THEN it names no platform library (only src/adapters/<platform>/ may)", () => {
    const offenders = tree
      .filter((f) => !f.path.startsWith("adapters/"))
      .filter((f) => /from\s+["'](discord\.js|@slack\/[^"']+)["']/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it("GIVEN the cycle finder THEN it reports a planted cycle", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });
});

describe("folder boundaries", () => {
  it("GIVEN the source tree THEN no two folders import each other, directly or around a loop", () => {
    expect(folderCycle(tree)).toBeNull();
  });

  it("GIVEN a fixture where a/ and b/ import each other through different files THEN the folder cycle is found", () => {
    expect(folderCycle(fixture("folder-cycle"))).toEqual(["a", "b", "a"]);
  });

  it("GIVEN the source tree THEN core folders never import adapters, cli, config or the composition root", () => {
    expect(coreImportsOfEdge(tree)).toEqual([]);
  });

  it("GIVEN a fixture where the store imports an adapter and delivery imports the cli THEN both are found", () => {
    expect(coreImportsOfEdge(fixture("core-imports-edge"))).toEqual([
      "delivery/worker.ts → cli/run.ts",
      "store/papers.ts → adapters/discord/index.ts",
    ]);
  });

  it("GIVEN the adapters THEN none imports the composition root (main.ts, app.ts) or the store", () => {
    const adapters = tree.filter((f) => f.path.startsWith("adapters/"));
    expect(adapters.flatMap((f) => f.local.filter((t) => t === "main.ts" || t === "app.ts" || t.startsWith("store/")).map((t) => `${f.path} → ${t}`))).toEqual([]);
  });

  it("GIVEN the source tree THEN only store/ imports better-sqlite3", () => {
    expect(storeLibrariesOutsideStore(tree)).toEqual([]);
    expect(tree.filter((f) => f.packages.includes("better-sqlite3")).every((f) => f.path.startsWith("store/"))).toBe(true);
  });

  it("GIVEN a fixture where a command opens SQLite itself THEN it is found", () => {
    expect(storeLibrariesOutsideStore(fixture("sqlite-outside-store"))).toEqual(["commands/papers.ts → better-sqlite3"]);
  });

  it("GIVEN the source tree THEN only adapters/ import platform libraries, and platform modules load theirs lazily", () => {
    expect(platformLibrariesOutsideAdapters(tree)).toEqual([]);
    const adapterPackages = new Set(tree.filter((f) => f.path.startsWith("adapters/")).flatMap((f) => f.packages));
    expect([...adapterPackages].filter((p) => !CORE_LIBRARIES.has(p) && !STORE_LIBRARIES.has(p)).sort()).toEqual(["@slack/bolt", "discord.js"]);
    const platformModules = tree.filter((f) => /^adapters\/[^/]+\/platform\.ts$/.test(f.path));
    expect(platformModules.map((f) => f.path).sort()).toEqual(PLATFORMS.map((p) => `adapters/${p.name}/platform.ts`).sort());
    const staticImports = platformModules.flatMap((f) => [...f.text.matchAll(/^import\s[^;]*?from\s+["']([^."'][^"']*)["']/gm)].map((m) => m[1] ?? ""));
    expect(staticImports.filter((p) => !CORE_LIBRARIES.has(p))).toEqual([]);
  });

  it("GIVEN a fixture where delivery imports discord.js and a scoped Slack package THEN both are found", () => {
    expect(platformLibrariesOutsideAdapters(fixture("platform-library-outside-adapters"))).toEqual([
      "delivery/worker.ts → discord.js",
      "delivery/worker.ts → @slack/web-api",
    ]);
  });

  it("GIVEN the source tree THEN only config/ reads process.env", () => {
    expect(envReadersOutsideConfig(tree)).toEqual([]);
  });

  it("GIVEN a fixture where delivery reads a variable itself THEN it is found", () => {
    expect(envReadersOutsideConfig(fixture("env-outside-config"))).toEqual(["delivery/worker.ts"]);
  });

  it("GIVEN package.json THEN every dependency is a core library, a store library or imported by an adapter", () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, "../package.json"), "utf8")) as { dependencies: Record<string, string> };
    const adapterPackages = new Set(tree.filter((f) => f.path.startsWith("adapters/")).flatMap((f) => f.packages));
    const unplaced = Object.keys(pkg.dependencies).filter((d) => !CORE_LIBRARIES.has(d) && !STORE_LIBRARIES.has(d) && !adapterPackages.has(d));
    expect(unplaced).toEqual([]);
  });
});
