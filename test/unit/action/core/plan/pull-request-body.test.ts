import { describe, expect, it } from "vitest";
import { cutPullRequestBody } from "../../../../../action/core/plan/pull-request-body.ts";

const URL = "https://github.com/o/r/blob/bucket-keys/logs/plans/logs/plan.md";

describe("cutPullRequestBody", () => {
  it("returns plan.md unchanged when it fits", () => {
    expect(cutPullRequestBody("# Plan\n\nshort\n", URL)).toBe("# Plan\n\nshort\n");
  });

  it("cuts at a line boundary within the limit and links to the full file", () => {
    const markdown = Array.from({ length: 5000 }, (_, index) => `| row ${index} | ${"x".repeat(20)} |`).join("\n");
    const body = cutPullRequestBody(markdown, URL, 65_536);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(`[plan.md](${URL})`);
    const kept = body.slice(0, body.indexOf("\n---\n"));
    expect(markdown.startsWith(kept)).toBe(true);
    expect(kept.endsWith("|\n")).toBe(true);
  });

  it("closes a fenced code block the cut leaves open", () => {
    const markdown = `intro\n\`\`\`\n${"line\n".repeat(100)}\`\`\`\n`;
    const body = cutPullRequestBody(markdown, URL, 400);
    expect(body.length).toBeLessThanOrEqual(400);
    expect(body.match(/^```/gm)).toHaveLength(2);
  });
});
