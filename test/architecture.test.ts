import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import (static, re-export or dynamic; type-only included) of each source file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pattern = /(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(pattern)].map((m) => {
      const spec = (m[1] ?? m[2] ?? "").replace(/\.js$/, ".ts");
      return resolve(dirname(file), spec);
    });
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
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

describe("module boundaries", () => {
  it("GIVEN the source tree THEN no module imports itself through a cycle", () => {
    const graph = importGraph();
    expect(graph.get(join(SRC, "main.ts"))).toContain(join(SRC, "app.ts"));
    expect(graph.get(join(SRC, "cli", "run.ts"))).toContain(join(SRC, "adapters", "index.ts"));
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(SRC, f)) ?? null).toBeNull();
  });

  it("GIVEN a core module THEN it names no platform library (only src/adapters/<platform>/ may)", () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !relative(SRC, f).startsWith("adapters/"))
      .filter((f) => /from\s+["'](discord\.js|@slack\/[^"']+)["']/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it("GIVEN the cycle finder THEN it reports a planted cycle", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });
});
