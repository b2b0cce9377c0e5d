/**
 * `node policies/check-config.ts <config.json>...`: validates policy pack config files before
 * `pulumi preview --policy-pack policies --policy-pack-config <file>` uses them. Exit 1 on any problem.
 */
import { readFile } from "node:fs/promises";
import { errorMessage } from "./contracts/errors.ts";
import { PACK_POLICIES } from "./pack.ts";
import { validatePackConfig } from "./pack-config.ts";

async function checkFile(file: string): Promise<void> {
  const text = await readFile(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${errorMessage(error)}). Fix the file and run again.`);
  }
  validatePackConfig(json, file, PACK_POLICIES);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node policies/check-config.ts <policy-pack-config.json>...\n");
  process.exitCode = 2;
}
for (const file of files) {
  try {
    await checkFile(file);
    process.stdout.write(`${file}: ok\n`);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
