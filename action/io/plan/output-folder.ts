/**
 * Checks the output folder before anything is written to it (or beside it): it must be a folder or
 * not exist yet, must not lie inside a local inventory report (plan.json and manifests would end up
 * among the report's files), and must not hold the plan of other buckets (it would be replaced
 * without a word) or a manifests/ folder this tool did not write (it is replaced whole).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../../contracts/errors.ts";
import type { LoadedInventory } from "../inventory/loaded-inventory.ts";

const FIX = "Give --out a folder of its own for this plan (it is created if missing).";

export async function checkOutputFolder(outDir: string, inventories: readonly LoadedInventory[]): Promise<void> {
  const target = resolve(outDir);
  const kind = await stat(target).then(
    (stats) => (stats.isDirectory() ? "folder" : "file"),
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "missing";
      throw new InputError("out", `--out: cannot use "${outDir}" (${error.code ?? error.message}). ${FIX}`, { cause: error });
    },
  );
  if (kind === "file") throw new InputError("out", `--out: "${outDir}" is a file, not a folder. ${FIX}`);

  for (const inventory of inventories) {
    for (const report of reportFolders(inventory)) {
      if (isInside(target, report)) {
        throw new InputError("out", `--out: "${outDir}" is inside the inventory report ${report}; plan.json, plan.md and manifests/ would be written among its files. ${FIX}`);
      }
    }
  }
  if (kind === "missing") return;

  const planned = [...new Set(inventories.map((inventory) => inventory.manifest.sourceBucket))].sort();
  const existing = await existingPlanBuckets(join(target, "plan.json"));
  if (existing === "unreadable") {
    throw new InputError("out", `--out: "${outDir}" holds a plan.json that is not a bucket-keys plan; it would be replaced. Move it away, or ${FIX.charAt(0).toLowerCase()}${FIX.slice(1)}`);
  }
  if (existing !== undefined && existing.buckets.join(",") !== planned.join(",")) {
    throw new InputError(
      "out",
      `--out: "${outDir}" holds the plan of ${listBuckets(existing.buckets)} (plan ${existing.id}), and this run plans ${listBuckets(planned)}; it would be replaced. Give each bucket its own folder (e.g. "plans/${planned[0]}"), or delete ${join(outDir, "plan.json")} to replace it.`,
    );
  }
  const foreign = await foreignManifestEntries(join(target, "manifests"));
  if (foreign.length > 0) {
    throw new InputError("out", `--out: "${outDir}" holds a manifests/ folder with files this tool did not write (${foreign.slice(0, 3).join(", ")}); it is replaced whole by a plan. ${FIX}`);
  }
}

/** The folders of a local report: its dated folder (manifest.json) and its configuration folder (data/ beside the dated folders). */
function reportFolders(inventory: LoadedInventory): string[] {
  if (inventory.dataFiles[0]?.kind !== "local") return [];
  const folders = new Set<string>([resolve(dirname(inventory.display))]);
  for (const file of inventory.dataFiles) {
    if (file.kind !== "local") continue;
    const folder = resolve(dirname(file.path));
    folders.add(basename(folder) === "data" ? dirname(folder) : folder);
  }
  return [...folders];
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function existingPlanBuckets(path: string): Promise<{ id: string; buckets: string[] } | "unreadable" | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return "unreadable";
  }
  try {
    const plan = JSON.parse(text) as { id?: unknown; inventories?: { sourceBucket?: unknown }[] };
    if (typeof plan.id !== "string" || !Array.isArray(plan.inventories)) return "unreadable";
    const buckets = plan.inventories.map((inventory) => inventory.sourceBucket).filter((bucket): bucket is string => typeof bucket === "string");
    return { id: plan.id, buckets: [...new Set(buckets)].sort() };
  } catch {
    return "unreadable";
  }
}

/** Entries of `<out>/manifests` that are not job manifests (`<job id>.csv` files). */
async function foreignManifestEntries(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => !entry.isFile() || !/^[a-z0-9][a-z0-9.-]*\.csv$/.test(entry.name)).map((entry) => entry.name);
}

function listBuckets(buckets: readonly string[]): string {
  if (buckets.length === 0) return "no bucket";
  return `bucket${buckets.length === 1 ? "" : "s"} ${buckets.map((bucket) => `"${bucket}"`).join(", ")}`;
}
