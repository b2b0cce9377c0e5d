/**
 * The layout's rules (docs/architecture.md), checked on the source itself: no two modules import each
 * other (directly or around a longer circle), pure code imports no I/O, and each folder imports only
 * the folders the layout allows it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_FOLDERS = ["action", "infra", "policies", "scripts"];

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) out.push(relative(ROOT, path).split("\\").join("/"));
    }
  };
  walk(join(ROOT, folder));
  return out;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4]!;
    found.push({ specifier, typeOnly: match[2] !== undefined });
  }
  return found;
}

/** The repository path a relative specifier names, or undefined for a package or node: builtin. */
function resolveLocal(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return posix.normalize(posix.join(posix.dirname(file), specifier));
}

const files = SOURCE_FOLDERS.flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** The folder rule that applies to a file: the longest matching prefix. */
const LAYERS: { folder: string; mayImport: string[] }[] = [
  { folder: "action/contracts/", mayImport: ["action/contracts/"] },
  { folder: "action/core/settings/", mayImport: ["action/contracts/", "action/core/settings/"] },
  { folder: "action/core/inventory/", mayImport: ["action/contracts/", "action/core/settings/", "action/core/inventory/"] },
  { folder: "action/core/plan/", mayImport: ["action/contracts/", "action/core/settings/", "action/core/inventory/", "action/core/plan/"] },
  { folder: "action/core/scan/", mayImport: ["action/contracts/", "action/core/settings/", "action/core/inventory/", "action/core/plan/", "action/core/scan/"] },
  { folder: "action/core/apply/", mayImport: ["action/contracts/", "action/core/settings/", "action/core/plan/", "action/core/apply/"] },
  { folder: "action/core/status/", mayImport: ["action/contracts/", "action/core/settings/", "action/core/plan/", "action/core/apply/", "action/core/status/"] },
  { folder: "action/core/report/", mayImport: ["action/contracts/", "action/core/plan/", "action/core/report/"] },
  { folder: "action/io/", mayImport: ["action/contracts/", "action/core/", "action/io/"] },
  { folder: "action/use-cases/", mayImport: ["action/contracts/", "action/core/", "action/io/", "action/use-cases/"] },
  { folder: "action/surfaces/cli/", mayImport: ["action/contracts/", "action/core/", "action/io/", "action/use-cases/", "action/surfaces/cli/"] },
  { folder: "action/surfaces/action/", mayImport: ["action/contracts/", "action/core/", "action/io/", "action/use-cases/", "action/surfaces/action/"] },
  { folder: "infra/", mayImport: ["action/contracts/", "infra/"] },
  // The pack is published as a folder of its own: the contracts it shares are copied into policies/contracts/.
  { folder: "policies/", mayImport: ["policies/"] },
];

/** Runtime imports pure code (action/contracts, action/core) may not make: files, processes, network, SDKs. */
const IO_MODULES = /^(node:(fs|fs\/promises|worker_threads|child_process|net|http|https|os|stream|stream\/promises|zlib|v8|vm|dns|tls)|@aws-sdk\/|@smithy\/|@actions\/|@octokit\/|@pulumi\/)/;

describe("the source layout", () => {
  it("has every file of action/ in a folder the layout names", () => {
    const unplaced = files.filter((file) => file.startsWith("action/") && !LAYERS.some((layer) => file.startsWith(layer.folder)));
    expect(unplaced).toEqual([]);
  });

  it("has no import circles between modules", () => {
    // Tarjan's strongly connected components over local imports (static and dynamic).
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let counter = 0;
    const visit = (file: string) => {
      index.set(file, counter);
      low.set(file, counter);
      counter++;
      stack.push(file);
      onStack.add(file);
      for (const { specifier } of graph.get(file) ?? []) {
        const target = resolveLocal(file, specifier);
        if (target === undefined || !graph.has(target)) continue;
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, index.get(target)!));
        }
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of files) if (!index.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it("keeps action/contracts and action/core free of I/O (type-only imports of the SDK's shapes excepted)", () => {
    const offenders = files
      .filter((file) => file.startsWith("action/contracts/") || file.startsWith("action/core/"))
      .flatMap((file) => graph.get(file)!.filter((item) => !item.typeOnly && IO_MODULES.test(item.specifier)).map((item) => `${file} imports ${item.specifier}`));
    expect(offenders).toEqual([]);
  });

  it("lets each folder import only the folders docs/architecture.md allows it", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const layer = LAYERS.filter((candidate) => file.startsWith(candidate.folder)).sort((a, b) => b.folder.length - a.folder.length)[0];
      if (layer === undefined) continue;
      for (const { specifier } of graph.get(file)!) {
        const target = resolveLocal(file, specifier);
        if (target === undefined || !(target.startsWith("action/") || target.startsWith("infra/") || target.startsWith("policies/"))) continue;
        if (!layer.mayImport.some((folder) => target.startsWith(folder))) offenders.push(`${file} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
