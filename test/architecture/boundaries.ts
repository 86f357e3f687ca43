import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

/*
 * Folder-level boundaries of src/, as functions over any source tree, so each rule can be run on
 * the real tree and on a small fixture tree that breaks it. A "folder" is a top-level directory of
 * src/ (`store`, `adapters`) or a top-level file (`main.ts`).
 */

/** Folders at the edge: they may know platforms, the command line and the environment. Everything else is core. */
export const EDGE = new Set(["adapters", "cli", "cli.ts", "main.ts", "app.ts", "app-store.ts", "app-channels.ts", "config"]);
/** Libraries any folder may import; any other package is a platform library, for src/adapters/ only. */
export const CORE_LIBRARIES = new Set(["zod", "node-cron", "pino", "prom-client", "cli-progress"]);
/** Libraries only the store may import. */
export const STORE_LIBRARIES = new Set(["better-sqlite3"]);

export interface SourceFile {
  /** Path relative to the tree's root (the `src` directory), with `/`. */
  path: string;
  text: string;
  /** Relative imports resolved to tree paths (static, re-export, dynamic; type-only included). */
  local: string[];
  /** Package names imported (node builtins left out). */
  packages: string[];
}

const LOCAL = /(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
const BARE = /(?:import|export)\s[^;]*?from\s+["']([^."'][^"']*)["']|import\(\s*["']([^."'][^"']*)["']\s*\)|import\s+["']([^."'][^"']*)["']/g;
const BUILTINS = new Set(builtinModules);

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

export function readTree(root: string): SourceFile[] {
  return walk(root).map((file) => {
    const text = readFileSync(file, "utf8");
    const local = [...text.matchAll(LOCAL)].map((m) => {
      const spec = (m[1] ?? m[2] ?? "").replace(/\.js$/, ".ts");
      return relative(root, resolve(dirname(file), spec)).split("\\").join("/");
    });
    const packages = [...text.matchAll(BARE)]
      .map((m) => m[1] ?? m[2] ?? m[3] ?? "")
      .filter((spec) => !spec.startsWith("node:") && !BUILTINS.has(packageOf(spec)))
      .map(packageOf);
    return { path: relative(root, file).split("\\").join("/"), text, local, packages };
  });
}

export function folderOf(path: string): string {
  return path.split("/")[0] ?? path;
}

/** A cycle in a graph given as adjacency lists, or null. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "active") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "active");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle !== null) return cycle;
  }
  return null;
}

/** Folders that import each other, directly or around a loop: the first such loop, or null. */
export function folderCycle(tree: readonly SourceFile[]): string[] | null {
  const graph = new Map<string, string[]>();
  for (const file of tree) {
    const from = folderOf(file.path);
    const edges = graph.get(from) ?? [];
    for (const target of file.local) {
      const to = folderOf(target);
      if (to !== from && !edges.includes(to)) edges.push(to);
    }
    graph.set(from, edges);
  }
  return findCycle(graph);
}

/** Core files importing an edge folder (adapters, cli, config, the composition root): `file → target`. */
export function coreImportsOfEdge(tree: readonly SourceFile[]): string[] {
  return tree.flatMap((file) =>
    EDGE.has(folderOf(file.path)) ? [] : file.local.filter((t) => EDGE.has(folderOf(t))).map((t) => `${file.path} → ${t}`),
  );
}

/** Files outside store/ importing a store-only library. */
export function storeLibrariesOutsideStore(tree: readonly SourceFile[]): string[] {
  return tree.flatMap((file) =>
    folderOf(file.path) === "store" ? [] : file.packages.filter((p) => STORE_LIBRARIES.has(p)).map((p) => `${file.path} → ${p}`),
  );
}

/** Files outside adapters/ importing a package that is neither a core nor a store library. */
export function platformLibrariesOutsideAdapters(tree: readonly SourceFile[]): string[] {
  return tree.flatMap((file) =>
    folderOf(file.path) === "adapters"
      ? []
      : file.packages.filter((p) => !CORE_LIBRARIES.has(p) && !STORE_LIBRARIES.has(p)).map((p) => `${file.path} → ${p}`),
  );
}

/** Files outside config/ that read `process.env`. */
export function envReadersOutsideConfig(tree: readonly SourceFile[]): string[] {
  return tree.filter((file) => folderOf(file.path) !== "config" && /\bprocess\.env\b/.test(file.text)).map((file) => file.path);
}
