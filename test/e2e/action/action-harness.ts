/**
 * Runs the bundled Action (dist/index.js) as a child process exactly as the runner does: inputs as
 * INPUT_* variables (with action.yml's defaults for the ones a workflow leaves out), the GITHUB_*
 * context, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files, and AWS endpoints pointing
 * at the loopback S3, S3 Control and GitHub servers the harness starts.
 *
 * By default it runs this checkout's dist/index.js from the repository root. With `action`, it runs
 * the way a consumer's runner does (actions/runner NodeScriptActionHandler): `node <action folder>/<runs.main>`
 * of the folder's action.yml, with the job's workspace as working directory and GITHUB_WORKSPACE.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { startGitHubServer, type GitHubServer } from "../../helpers/github-server/github-server.ts";
import { startS3ControlServer, type S3ControlServer, type S3ControlServerOptions } from "../../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";
import { startFaultProxy, type FaultProxy } from "../../helpers/fault-proxy.ts";

export const REPO = "acme/data";
export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const BATCH_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/bucket-keys-batch`;
export const MANIFEST_URI = "s3://reports-bucket/bucket-keys/manifests/";
export const REPORT_URI = "s3://reports-bucket/bucket-keys/job-reports/";
const execFileAsync = promisify(execFile);

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionEvent {
  name: string;
  payload: Record<string, unknown>;
  ref?: string;
  sha?: string;
}

export interface Harness {
  s3: LocalS3Server;
  control: S3ControlServer;
  github: GitHubServer;
  /** With `proxies: true`: the fault proxies the Action talks to instead of each server. */
  proxies: { s3: FaultProxy; control: FaultProxy; github: FaultProxy } | undefined;
  run(inputs: Record<string, string>, event?: ActionEvent): Promise<ActionRun>;
  stop(): Promise<void>;
}

export interface ReleasedAction {
  /** The downloaded action, as the runner keeps it (`_actions/<owner>/<repo>/<ref>`). */
  dir: string;
  /** The job's workspace: the working directory, and GITHUB_WORKSPACE. */
  workspace: string;
}

export interface HarnessOptions {
  buckets?: string[];
  control?: Partial<S3ControlServerOptions>;
  /** More environment for the Action's process. */
  env?: Record<string, string>;
  /** Put a fault proxy (test/helpers/fault-proxy.ts) in front of each server. */
  proxies?: boolean;
  /** Run the Action from a folder holding only what a release holds. */
  action?: ReleasedAction;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const s3 = await startS3Server({ buckets: ["inventory-bucket", "reports-bucket", ...(options.buckets ?? [])] });
  const control = await startS3ControlServer({ s3Endpoint: s3.endpoint, accountId: ACCOUNT_ID, region: REGION, ...options.control });
  const github = await startGitHubServer();
  const proxies = options.proxies ? { s3: await startFaultProxy(s3.endpoint), control: await startFaultProxy(control.url), github: await startFaultProxy(github.url) } : undefined;
  github.seedRepo(REPO, { "README.md": "# data\n" });
  const actionYml = options.action ? join(options.action.dir, "action.yml") : "action.yml";
  const metadata = await actionMetadata(actionYml);
  const main = options.action ? join(options.action.dir, metadata.main) : metadata.main;
  const cwd = options.action?.workspace ?? process.cwd();
  const work = await mkdtemp(join(tmpdir(), "bucket-keys-e2e-"));
  let runs = 0;

  return {
    s3,
    control,
    github,
    proxies,
    async run(inputs, event = { name: "workflow_dispatch", payload: {} }) {
      const dir = join(work, String(++runs));
      const files = { output: `${dir}-output`, summary: `${dir}-summary`, event: `${dir}-event.json` };
      await Promise.all([writeFile(files.output, ""), writeFile(files.summary, ""), writeFile(files.event, JSON.stringify(event.payload))]);
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        TMPDIR: tmpdir(),
        // Keep the developer's AWS configuration out of the child.
        AWS_CONFIG_FILE: join(work, "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE: join(work, "no-aws-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        ...s3.env(),
        ...control.env(),
        ...(proxies && { AWS_ENDPOINT_URL_S3: proxies.s3.url, AWS_ENDPOINT_URL_S3_CONTROL: proxies.control.url }),
        GITHUB_ACTIONS: "true",
        GITHUB_API_URL: proxies?.github.url ?? github.url,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: REPO,
        GITHUB_EVENT_NAME: event.name,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REF: event.ref ?? "refs/heads/main",
        GITHUB_SHA: event.sha ?? "0".repeat(40),
        GITHUB_WORKFLOW: "bucket-keys",
        GITHUB_RUN_ID: String(runs),
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_WORKSPACE: cwd,
        GITHUB_ACTION: "__run",
        GITHUB_ACTION_REPOSITORY: options.action ? "acme/s3-bucket-keys" : "",
        GITHUB_ACTION_REF: options.action ? "v1" : "",
        RUNNER_TEMP: work,
        // The loopback GitHub has no secondary rate limits: writes need not be a second apart.
        BUCKET_KEYS_GITHUB_WRITE_INTERVAL_MS: "0",
        ...options.env,
      };
      for (const [name, value] of Object.entries({ ...metadata.defaults, token: github.token, ...inputs })) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
      let code = 0;
      let stdout = "";
      let stderr = "";
      try {
        ({ stdout, stderr } = await execFileAsync(process.execPath, [main], { env, cwd, maxBuffer: 64 * 1024 * 1024 }));
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        code = typeof failed.code === "number" ? failed.code : 1;
        stdout = failed.stdout ?? "";
        stderr = failed.stderr ?? "";
      }
      return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.output, "utf8")), summary: await readFile(files.summary, "utf8") };
    },
    async stop() {
      if (proxies) await Promise.allSettled([proxies.s3.stop(), proxies.control.stop(), proxies.github.stop()]);
      await Promise.allSettled([github.stop(), control.stop()]);
      await s3.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * What the runner takes from action.yml: `runs.main` (for `using: node24`), and the defaults it passes
 * when a workflow omits an input (expressions left out).
 */
async function actionMetadata(file: string): Promise<{ main: string; defaults: Record<string, string> }> {
  const action = parse(await readFile(file, "utf8")) as { inputs: Record<string, { default?: unknown }>; runs: { using: string; main: string } };
  if (action.runs.using !== "node24") throw new Error(`${file}: runs.using is "${action.runs.using}"; the harness starts node24 actions`);
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default !== undefined && !String(input.default).includes("${{")) defaults[name] = String(input.default);
  }
  return { main: action.runs.main, defaults };
}

/** GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

/** The annotations and log lines the Action printed, for messages. */
export function log(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}`;
}
