/**
 * Starts the policy pack the way the Pulumi CLI does and connects an Analyzer client to it.
 *
 * The CLI (pulumi/pulumi, sdk/nodejs/cmd/pulumi-language-nodejs RunPlugin for kind=analyzer) runs
 *     node <@pulumi/pulumi/cmd/run-policy-pack resolved from the pack folder> <engine address> <pack folder>
 * with the pack folder as working directory, PULUMI_NODEJS_TYPESCRIPT=true (the runtime's default
 * `typescript` option) and the stack's identity and config in PULUMI_NODEJS_* / PULUMI_CONFIG. The pack
 * prints the port of its Analyzer gRPC server on stdout; the CLI dials 127.0.0.1:<port>. The engine
 * address is only passed through: a policy pack never dials the engine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";

export const POLICIES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../policies");

const STARTUP_TIMEOUT_MS = 20_000;

export type AnalyzerClient = InstanceType<typeof analyzerGrpc.AnalyzerClient>;

export interface PolicyPackProcess {
  client: AnalyzerClient;
  port: number;
  /** Everything the pack wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface StackIdentity {
  organization: string;
  project: string;
  stack: string;
  dryRun: boolean;
  config: Record<string, string>;
}

export const DEFAULT_STACK: StackIdentity = { organization: "acme", project: "s3-bucket-keys", stack: "dev", dryRun: true, config: {} };

function packEnv(identity: StackIdentity): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PULUMI_NODEJS_TYPESCRIPT: "true",
    PULUMI_NODEJS_ORGANIZATION: identity.organization,
    PULUMI_NODEJS_PROJECT: identity.project,
    PULUMI_NODEJS_STACK: identity.stack,
    PULUMI_NODEJS_DRY_RUN: String(identity.dryRun),
    PULUMI_ORGANIZATION: identity.organization,
    PULUMI_PROJECT: identity.project,
    PULUMI_STACK: identity.stack,
    PULUMI_DRY_RUN: String(identity.dryRun),
    PULUMI_CONFIG: JSON.stringify(identity.config),
  };
}

function readPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (reason: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`policy pack did not start: ${reason}\n--- stderr ---\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`no port on stdout after ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    child.once("exit", (code, signal) => fail(`exited with ${code ?? signal}`));
    lines.once("line", (line) => {
      clearTimeout(timer);
      const port = Number(line.trim());
      if (Number.isInteger(port) && port > 0) resolvePort(port);
      else fail(`first stdout line is not a port: ${JSON.stringify(line)}`);
    });
  });
}

/** `packDir` defaults to the repository's policies/; a copy of it works the same once `npm ci` ran there. */
export async function startPolicyPack(identity: StackIdentity = DEFAULT_STACK, packDir: string = POLICIES_DIR): Promise<PolicyPackProcess> {
  const runPolicyPack = createRequire(join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", packDir], {
    cwd: packDir,
    env: packEnv(identity),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  const stderr = () => errors;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  let port: number;
  try {
    port = await readPort(child, stderr);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    port,
    stderr,
    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
