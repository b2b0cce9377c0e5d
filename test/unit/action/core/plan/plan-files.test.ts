import { describe, expect, it } from "vitest";
import { filesFromPushCommits, normalizePlanDir, planBranch, selectChangedPlanFiles } from "../../../../../action/core/plan/plan-files.ts";

describe("plan files", () => {
  it("selects added and modified plan.json files under the plan folder, not removed ones or plan.md", () => {
    const files = [
      { filename: "bucket-key-plans/logs-bucket/plan.json", status: "modified" },
      { filename: "bucket-key-plans/data-bucket/plan.json", status: "added" },
      { filename: "bucket-key-plans/old-bucket/plan.json", status: "removed" },
      { filename: "bucket-key-plans/logs-bucket/plan.md", status: "modified" },
      { filename: "elsewhere/logs-bucket/plan.json", status: "added" },
      { filename: "bucket-key-plans/a/b/plan.json", status: "added" },
    ];
    expect(selectChangedPlanFiles(files, "bucket-key-plans")).toEqual(["bucket-key-plans/data-bucket/plan.json", "bucket-key-plans/logs-bucket/plan.json"]);
  });

  it("takes the last status of each path from push payload commits", () => {
    const files = filesFromPushCommits([
      { added: ["p/x-bucket/plan.json"], modified: [], removed: [] },
      { added: [], modified: [], removed: ["p/x-bucket/plan.json"] },
      { added: [], modified: ["p/y-bucket/plan.json"], removed: [] },
    ]);
    expect(selectChangedPlanFiles(files, "p")).toEqual(["p/y-bucket/plan.json"]);
  });

  it("normalises the plan folder and refuses paths that climb out of the repository", () => {
    expect(normalizePlanDir("./plans/", "input")).toBe("plans");
    expect(normalizePlanDir("", "input")).toBe("bucket-key-plans");
    expect(() => normalizePlanDir("../secrets", "input")).toThrow('input "plan-dir": "../secrets" is not a plain repository folder');
  });

  it("names the pull request branch after the bucket", () => {
    expect(planBranch("logs-bucket")).toBe("bucket-keys/logs-bucket");
  });
});
