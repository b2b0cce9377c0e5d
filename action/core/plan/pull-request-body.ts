/**
 * A pull request body is plan.md, cut to fit GitHub's limit at a line boundary, with a link to the
 * full file on the branch. Pure.
 */

/** GitHub rejects issue and pull request bodies over 65,536 characters. */
export const MAX_PULL_REQUEST_BODY_CHARS = 65_536;

/**
 * Returns `markdown` when it fits, otherwise the longest prefix of whole lines that fits together with
 * a note linking to `fullUrl`. A fenced code block left open by the cut is closed.
 * Lengths are UTF-16 code units, which never undercount GitHub's character count.
 */
export function cutPullRequestBody(markdown: string, fullUrl: string, limit = MAX_PULL_REQUEST_BODY_CHARS): string {
  if (markdown.length <= limit) return markdown;
  const note = (fence: boolean) => `${fence ? "```\n" : ""}\n---\n**The plan is longer than a pull request body allows; it is cut here.** Read the whole plan in [plan.md](${fullUrl}).\n`;
  const budget = limit - note(true).length;
  if (budget <= 0) throw new RangeError(`limit ${limit} leaves no room for the plan`);
  const lines = markdown.split("\n");
  let kept = "";
  let inFence = false;
  for (const line of lines) {
    const next = `${kept}${line}\n`;
    if (next.length > budget) break;
    kept = next;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
  }
  return `${kept}${note(inFence)}`;
}
