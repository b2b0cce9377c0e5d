/**
 * The history.json of every bucket folder under a plan folder (`<plan-dir>/<bucket>/history.json`,
 * as a checkout of the repository holds them), validated. A folder without one is left out; an
 * invalid one fails with its file and field.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, ManifestError } from "../../contracts/errors.ts";
import { validateHistory, type CoverageHistory } from "../../contracts/history-schema.ts";

export async function readPlanHistories(planDir: string): Promise<CoverageHistory[]> {
  let folders: string[];
  try {
    folders = (await readdir(planDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch (error) {
    throw new InputError("plan-dir", `--plan-dir: cannot read the folder "${planDir}" (${(error as NodeJS.ErrnoException).code ?? String(error)}). Point it at the plan folder of a checkout (bucket-key-plans by default).`, { cause: error });
  }
  const histories: CoverageHistory[] = [];
  for (const bucket of folders) {
    const file = join(planDir, bucket, "history.json");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ManifestError(file, undefined, `${file}: not valid JSON (${(error as Error).message}). Restore it from git history, or delete it to start a new history.`, { cause: error });
    }
    histories.push(validateHistory(json, file, bucket));
  }
  return histories;
}
