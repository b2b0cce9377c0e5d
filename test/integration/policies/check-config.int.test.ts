import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICIES_DIR } from "../../helpers/policy-pack-process.ts";

const run = promisify(execFile);
const CHECK = join(POLICIES_DIR, "check-config.ts");

describe("node policies/check-config.ts", () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), "policy-config-"))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function check(name: string, content: string) {
    const file = join(dir, name);
    await writeFile(file, content);
    try {
      const { stdout, stderr } = await run(process.execPath, [CHECK, file]);
      return { code: 0, stdout, stderr, file };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr, file };
    }
  }

  it("accepts a valid config file", async () => {
    const result = await check("ok.json", JSON.stringify({ "s3-bucket-keys-enabled": "remediate", "s3-every-bucket-covered": { exemptions: [{ bucket: "legacy", reason: "retired" }] } }));
    expect(result).toMatchObject({ code: 0, stdout: `${result.file}: ok\n`, stderr: "" });
  });

  it("exits 1 naming the file, a misspelt policy and a mistyped setting", async () => {
    const result = await check("bad.json", JSON.stringify({ "kms-key-rotaton": "advisory", "s3-every-bucket-covered": { exemptions: [{ bucket: "legacy" }] } }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${result.file}: invalid policy pack config:\n` +
        '  - "kms-key-rotaton" is not a policy of this pack (policies: s3-bucket-keys-enabled, s3-every-bucket-covered, s3-inventory-for-plan-engine, batch-operations-role, kms-key-rotation; or "all")\n' +
        "  - policy 's3-every-bucket-covered': invalid config: exemptions[0].reason: Invalid input: expected string, received undefined.\n" +
        "Fix the file and run again.\n",
    );
  });

  it("exits 1 on a file that is not JSON", async () => {
    const result = await check("broken.json", "{ all: advisory }");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${result.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(.+\\)\\. Fix the file and run again\\.\n$`));
  });
});
