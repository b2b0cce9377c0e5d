/**
 * A bucket's history.json as a branch holds it. A missing file is an empty history; a file that is
 * not a valid history is left alone (a warning says which and what to do) so a plan never overwrites
 * a history someone must repair.
 */
import { errorMessage } from "../../contracts/errors.ts";
import { validateHistory, type CoverageHistory } from "../../contracts/history-schema.ts";
import type { Logger } from "../../contracts/logger.ts";
import type { GitHubHelper } from "./github-helper.ts";

export interface HistoryRead {
  history: CoverageHistory | undefined;
  /** The file exists but is not a valid history: do not write one over it. */
  unreadable: boolean;
}

export async function readHistory(github: Pick<GitHubHelper, "readFile">, path: string, ref: string, bucket: string, logger: Logger): Promise<HistoryRead> {
  const text = await github.readFile(path, ref);
  if (text === undefined) return { history: undefined, unreadable: false };
  const file = `${path} (${ref})`;
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${errorMessage(error)}). Restore it from git history, or delete it to start a new history.`);
    }
    return { history: validateHistory(json, file, bucket), unreadable: false };
  } catch (error) {
    logger.warn(`${errorMessage(error)} The coverage history of ${bucket} is not updated until then.`);
    return { history: undefined, unreadable: true };
  }
}
