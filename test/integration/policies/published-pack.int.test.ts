/**
 * The policy pack as consumers get it: a copy of policies/ alone, in an empty temporary folder, after
 * `npm ci` there (what `pulumi preview --policy-pack <folder>` needs), and the files `npm pack` puts in
 * the tarball `pulumi policy publish` uploads (enforcing machines unpack it and run `npm install`).
 * The copy is started as the CLI starts a pack and driven over the Analyzer protocol.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineSession, type PolicyInfo } from "../../helpers/policy-engine.ts";
import { DEFAULT_STACK, POLICIES_DIR, startPolicyPack, type PolicyPackProcess } from "../../helpers/policy-pack-process.ts";
import { BAD_STACK, badEncryption } from "./fixtures.ts";

const execFileAsync = promisify(execFile);
const NPM_CI_TIMEOUT_MS = 240_000;
const npm = (args: string[], cwd: string) =>
  execFileAsync("npm", args, { cwd, timeout: NPM_CI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });

let work: string;
let copy: string;
let pack: PolicyPackProcess | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bucket-keys-pack-"));
  copy = join(work, "policies");
  await cp(POLICIES_DIR, copy, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes("node_modules") });
  // The registry is reachable; the npm cache makes this mostly offline.
  await npm(["ci", "--prefer-offline", "--no-audit", "--no-fund"], copy);
}, NPM_CI_TIMEOUT_MS + 10_000);

afterAll(async () => {
  await pack?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a copy of policies/ alone, after npm ci in it", () => {
  it("resolves its dependencies from its own node_modules, and cannot reach the repository's", () => {
    const requireFromCopy = createRequire(join(copy, "package.json"));
    expect(requireFromCopy.resolve("@pulumi/policy")).toContain(join(copy, "node_modules"));
    expect(requireFromCopy.resolve("@pulumi/pulumi/cmd/run-policy-pack")).toContain(join(copy, "node_modules"));
    // The repository's dependencies (the Pulumi program's provider, the Action's SDK) are not there.
    expect(() => requireFromCopy.resolve("@pulumi/aws")).toThrow(/Cannot find module/);
    expect(() => requireFromCopy.resolve("@aws-sdk/client-s3")).toThrow(/Cannot find module/);
  });

  describe("started as the Pulumi CLI starts a pack, over the Analyzer protocol", () => {
    let engine: EngineSession;
    let policies: PolicyInfo[];

    beforeAll(async () => {
      pack = await startPolicyPack(DEFAULT_STACK, copy);
      engine = new EngineSession(pack.client);
      await engine.configureStack(DEFAULT_STACK);
      ({ policies } = await engine.getAnalyzerInfo());
      await engine.configure(policies);
    });

    it("reports the name and version `pulumi policy publish` reads, and every policy", async () => {
      const info = await engine.getAnalyzerInfo();
      const version = JSON.parse(await readFile(join(copy, "package.json"), "utf8")).version;
      expect(info).toMatchObject({ name: "s3-bucket-keys", version, supportsConfig: true });
      expect(info.policies.map((policy) => policy.name)).toEqual(["s3-bucket-keys-enabled", "s3-every-bucket-covered", "s3-inventory-for-plan-engine", "batch-operations-role", "kms-key-rotation"]);
    });

    it("finds an encryption rule without Bucket Keys (Analyze)", async () => {
      const result = await engine.analyze(badEncryption("logs-encryption", "logs", "AES256"));
      expect(result.diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["s3-bucket-keys-enabled", "mandatory"]]);
    });

    it("finds the faults of a bad stack with the shared contracts' field and permission lists (AnalyzeStack)", async () => {
      const result = await engine.analyzeStack(BAD_STACK);
      const messages = result.diagnostics.map((d) => `${d.policyName}: ${d.message}`).join("\n");
      expect(messages).toContain("BucketKeyStatus");
      expect(messages).toContain("no policy in this stack allows kms:Decrypt, kms:Encrypt, kms:GenerateDataKey, kms:ReEncryptFrom, kms:ReEncryptTo");
      expect(new Set(result.diagnostics.map((d) => d.policyName))).toEqual(new Set(["s3-every-bucket-covered", "s3-inventory-for-plan-engine", "batch-operations-role", "kms-key-rotation"]));
    });
  });

  describe("what `pulumi policy publish` uploads (npm pack)", () => {
    let files: string[];
    beforeAll(async () => {
      const { stdout } = await npm(["pack", "--dry-run", "--json", "--ignore-scripts"], copy);
      files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path).sort();
    });

    it("holds the pack's metadata, entry, sources and the copied contracts, and no lockfile or node_modules", () => {
      expect(files).toEqual(expect.arrayContaining(["PulumiPolicy.yaml", "package.json", "entry.js", "index.ts", "pack.ts", "contracts/batch-permissions.ts", "contracts/errors.ts", "contracts/inventory-fields.ts"]));
      expect(files.filter((file) => file.startsWith("node_modules/") || file === "package-lock.json")).toEqual([]);
    });

    it("needs nothing outside the tarball: every relative import is a packed file, every package a declared dependency", async () => {
      const manifest = JSON.parse(await readFile(join(copy, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      const missing: string[] = [];
      for (const file of files.filter((name) => /\.(ts|js)$/.test(name))) {
        const text = await readFile(join(copy, file), "utf8");
        for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm)) {
          const specifier = (match[1] ?? match[2]) as string;
          if (specifier.startsWith(".")) {
            const target = posix.normalize(posix.join(posix.dirname(file), specifier));
            if (!files.includes(target)) missing.push(`${file} imports ${specifier} (not in the tarball)`);
          } else if (!specifier.startsWith("node:")) {
            const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] as string);
            if (!(name in manifest.dependencies)) missing.push(`${file} imports ${specifier} (not a dependency)`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  });
});
