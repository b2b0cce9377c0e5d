/**
 * action.yml and the example workflows: every input the Action reads is declared, every input a
 * workflow passes exists, each job's token gets only what it needs, and nothing reaches a shell.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";

vi.mock("@actions/core", () => import("./fixtures/core.ts"));
const { INPUT_NAMES } = await import("../../../../../action/surfaces/action/inputs.ts");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
}

const action = parse(readFileSync("action.yml", "utf8")) as { inputs: Record<string, { description: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
const workflow = (name: string) => parse(readFileSync(`.github/workflows/${name}`, "utf8")) as Workflow;

const WORKFLOWS = [
  { file: "bucket-keys-plan.yml", command: "plan", permissions: { contents: "write", "pull-requests": "write", "id-token": "write" } },
  { file: "bucket-keys-apply.yml", command: "apply", permissions: { contents: "read", "pull-requests": "write", "id-token": "write" } },
  { file: "bucket-keys-status.yml", command: "status", permissions: { contents: "read", "pull-requests": "write", "id-token": "write" } },
];

describe("action.yml", () => {
  it("runs dist/index.js on node24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
  });

  it("declares every input main.ts reads, each with a description", () => {
    for (const name of [...INPUT_NAMES, "command", "token", "plan-dir", "region"]) {
      expect(action.inputs[name], name).toBeDefined();
      expect(action.inputs[name]!.description.length, name).toBeGreaterThan(10);
    }
  });

  it("declares the outputs the commands set", () => {
    expect(Object.keys(action.outputs).sort()).toEqual(["failed-jobs", "job-ids", "objects", "plan-ids", "pull-request-numbers", "pull-request-urls"]);
  });
});

describe.each(WORKFLOWS)("$file", ({ file, command, permissions }) => {
  const parsed = workflow(file);

  it("grants the token nothing at workflow level and only what the job needs", () => {
    expect(parsed.permissions).toEqual({});
    for (const job of Object.values(parsed.jobs)) expect(job.permissions).toEqual(permissions);
  });

  it(`runs the Action with command ${command} and only inputs action.yml declares`, () => {
    const steps = Object.values(parsed.jobs).flatMap((job) => job.steps.filter((step) => step.uses === "./"));
    expect(steps).toHaveLength(1);
    expect(steps[0]!.with!.command).toBe(command);
    for (const name of Object.keys(steps[0]!.with!)) expect(action.inputs[name], `${file}: with.${name}`).toBeDefined();
  });

  it("runs no shell step, so nothing from a pull request can be interpolated into one", () => {
    for (const job of Object.values(parsed.jobs)) expect(job.steps.filter((step) => step.run !== undefined)).toEqual([]);
  });

  it("assumes its AWS role through OIDC, with no long-lived keys", () => {
    const text = readFileSync(`.github/workflows/${file}`, "utf8");
    expect(text).toContain("role-to-assume:");
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
  });
});

describe("bucket-keys-apply.yml", () => {
  it("triggers only on push, never on pull_request events", () => {
    expect(Object.keys(workflow("bucket-keys-apply.yml").on)).toEqual(["push"]);
  });
});

describe("release.yml", () => {
  const release = workflow("release.yml");
  const text = readFileSync(".github/workflows/release.yml", "utf8");
  const steps = Object.values(release.jobs).flatMap((job) => job.steps);
  const index = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);

  it("runs only when a version tag is pushed", () => {
    expect(release.on).toEqual({ push: { tags: ["v*.*.*"] } });
  });

  it("grants nothing at workflow level and only contents: write to the job that publishes", () => {
    expect(release.permissions).toEqual({});
    expect(Object.values(release.jobs).map((job) => job.permissions)).toEqual([{ contents: "write" }]);
  });

  it("checks the tag, then that dist/ is fresh and the tests pass, before it publishes the release and moves the major tag", () => {
    const checkTag = index((step) => step.run?.includes("merge-base --is-ancestor") === true);
    const checks = index((step) => step.run === "bash .ci/run");
    const publish = index((step) => step.run?.includes("gh release create") === true);
    const move = index((step) => step.run?.includes("refs/tags/$major") === true);
    expect([checkTag, checks, publish, move].every((position) => position >= 0)).toBe(true);
    expect(checkTag).toBeLessThan(checks);
    expect(checks).toBeLessThan(publish);
    expect(publish).toBeLessThan(move);
    expect(readFileSync(".ci/run", "utf8")).toContain('git status --porcelain -- dist');
  });

  it("passes the tag and other event values to its scripts through env, never by expression inside a script", () => {
    for (const step of steps.filter((candidate) => candidate.run !== undefined)) expect(step.run).not.toContain("${{");
    expect(text).toContain("TAG: ${{ github.ref_name }}");
  });
});

describe("the workflows docs/action.md shows for another repository", () => {
  const blocks = [...readFileSync("docs/action.md", "utf8").matchAll(/```yaml\n# \.github\/workflows\/(bucket-keys-[a-z]+\.yml)\n([\s\S]*?)```/g)].map((match) => ({ file: match[1]!, workflow: parse(match[2]!) as Workflow }));

  it("shows one for each command", () => {
    expect(blocks.map((block) => block.file)).toEqual(WORKFLOWS.map((item) => item.file));
  });

  it.each(WORKFLOWS)("$file uses the released Action at @v1 with the permissions and inputs of this repository's copy", ({ file, command, permissions }) => {
    const shown = blocks.find((block) => block.file === file)!.workflow;
    const ours = workflow(file);
    expect(shown.permissions).toEqual({});
    for (const job of Object.values(shown.jobs)) expect(job.permissions).toEqual(permissions);
    const steps = Object.values(shown.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith("<owner>/s3-bucket-keys@")));
    expect(steps.map((step) => step.uses)).toEqual(["<owner>/s3-bucket-keys@v1"]);
    expect(steps[0]!.with!.command).toBe(command);
    for (const name of Object.keys(steps[0]!.with!)) expect(action.inputs[name], `${file}: with.${name}`).toBeDefined();
    const oursWith = Object.values(ours.jobs).flatMap((job) => job.steps.filter((step) => step.uses === "./"))[0]!.with!;
    expect(Object.keys(steps[0]!.with!).filter((name) => !(name in oursWith))).toEqual([]);
    // No checkout is needed: the Action works through the GitHub API.
    expect(Object.values(shown.jobs).flatMap((job) => job.steps).filter((step) => step.uses?.startsWith("actions/checkout"))).toEqual([]);
  });
});
