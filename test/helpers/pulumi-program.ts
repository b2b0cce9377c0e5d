/**
 * Runs the Pulumi program in infra/ against a mock Pulumi engine and returns what it registered.
 *
 *   const { resources, outputs } = await runProgram("dev");
 *   const { resources } = await runProgram({ config: { "bucket-keys:buckets": [...], ... } });
 *
 * Contract (the policy pack's tests use it too; keep it stable):
 * - `resources`: every resource the program registered, in registration order, including the root
 *   `pulumi:pulumi:Stack` and the component resources. Each has `type`, `name`, `urn`, `inputs`
 *   (plain resolved values, secrets unwrapped, and autonamed names such as a bucket's `bucket`
 *   filled in as the provider's Check does, so inputs are what the engine shows a policy pack),
 *   `parent` (the parent's URN; undefined for the stack) and `custom` (false for components).
 * - `outputs`: the stack outputs, as plain values.
 * - A program that fails (invalid config, say) rejects with `ProgramRunError`, whose message is
 *   what the program logged as errors (what `pulumi preview` would print).
 *
 * Every call is isolated: the program runs in its own Node.js process, started exactly as the
 * Pulumi CLI's nodejs language host starts it (`node @pulumi/pulumi/cmd/run --monitor ... --engine
 * ... infra/`, stack config in PULUMI_CONFIG, PULUMI_NODEJS_TYPESCRIPT=false as Pulumi.yaml sets),
 * and talks gRPC to a MockPulumiEngine (pulumi-mock-engine.ts) started for that call on loopback.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { MockPulumiEngine } from "./pulumi-mock-engine.ts";
import type { LogEntry, RecordedResource } from "./pulumi-mock-engine.ts";

export type { LogEntry, RecordedResource } from "./pulumi-mock-engine.ts";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The language host's entry point for nodejs programs. */
const RUN_ENTRY = createRequire(import.meta.url).resolve("@pulumi/pulumi/cmd/run/index.js");

/** Account the mocked `aws.getCallerIdentity` answers with (the example stacks use it). */
export const MOCK_ACCOUNT_ID = "123456789012";
const RUN_TIMEOUT_MS = 60_000;

export interface ProgramRun {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  /** What the program logged (warnings, errors), for assertions on diagnostics. */
  logs: LogEntry[];
}

/** An example stack, or stack config given as in a stack file's `config:` (full `<namespace>:<key>` keys). */
export type StackSelector = "dev" | "prod" | { config: Record<string, unknown> };

export interface RunProgramOptions {
  /** Account id the mocks answer with. Defaults to MOCK_ACCOUNT_ID. */
  accountId?: string;
  /** Stack name for inline config. Defaults to "test". */
  stackName?: string;
  /** Run as `pulumi preview` (`--dry-run`). Defaults to false (`pulumi up`). */
  preview?: boolean;
  /** Kill the program after this long. Defaults to RUN_TIMEOUT_MS (a 1,000-bucket stack needs more). */
  timeoutMs?: number;
}

/** The program failed; `message` is what it logged as errors. */
export class ProgramRunError extends Error {
  readonly stderr: string;
  /** What the program had registered before it failed. */
  readonly resources: RecordedResource[];

  constructor(message: string, stderr: string, resources: RecordedResource[]) {
    super(message);
    this.name = "ProgramRunError";
    this.stderr = stderr;
    this.resources = resources;
  }
}

export interface PulumiProject {
  name: string;
  /** Absolute path of the program directory (`main`). */
  main: string;
}

export function readPulumiProject(): PulumiProject {
  const project = parseYaml(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
  return { name: project.name, main: path.resolve(REPO_ROOT, project.main ?? ".") };
}

/** The `config:` map of Pulumi.<stack>.yaml. */
export function readStackConfig(stack: string): Record<string, unknown> {
  const file = parseYaml(readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
  return file.config ?? {};
}

/** What the CLI puts in PULUMI_CONFIG: every value a string, objects and lists as JSON. */
export function toPulumiConfigEnv(config: Record<string, unknown>): string {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) env[key] = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(env);
}

export async function runProgram(stack: StackSelector, options: RunProgramOptions = {}): Promise<ProgramRun> {
  const stackName = typeof stack === "string" ? stack : (options.stackName ?? "test");
  const config = typeof stack === "string" ? readStackConfig(stack) : stack.config;
  const project = readPulumiProject();
  const region = typeof config["aws:region"] === "string" ? config["aws:region"] : "us-east-1";
  const engine = await MockPulumiEngine.start({ project: project.name, stack: stackName, accountId: options.accountId ?? MOCK_ACCOUNT_ID, region });
  try {
    const args = [RUN_ENTRY, `--monitor=${engine.address}`, `--engine=${engine.address}`, `--project=${project.name}`, `--stack=${stackName}`, `--pwd=${REPO_ROOT}`, `--root-directory=${REPO_ROOT}`];
    if (options.preview) args.push("--dry-run");
    args.push(project.main);
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_CONFIG: toPulumiConfigEnv(config), PULUMI_NODEJS_TYPESCRIPT: "false" };
    delete env["PULUMI_CONFIG_SECRET_KEYS"];
    const { code, stderr } = await runToExit(process.execPath, args, env, options.timeoutMs ?? RUN_TIMEOUT_MS);
    const errors = engine.logs.filter((entry) => entry.severity === "error").map((entry) => entry.message);
    if (code !== 0 || errors.length > 0) {
      throw new ProgramRunError(errors.length > 0 ? errors.join("\n") : `program exited with code ${code}: ${stderr.trim()}`, stderr, engine.resources);
    }
    return { resources: engine.resources, outputs: engine.stackOutputs ?? {}, logs: engine.logs };
  } finally {
    await engine.stop();
  }
}

function runToExit(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
