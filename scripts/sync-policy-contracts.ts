/** `npm run sync:policies`: writes policies/contracts/ from action/contracts/ (see policy-contracts.ts). */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { POLICY_CONTRACTS_DIR, policyContractCopies } from "./policy-contracts.ts";

const copies = policyContractCopies(".");
await mkdir(POLICY_CONTRACTS_DIR, { recursive: true });
for (const name of await readdir(POLICY_CONTRACTS_DIR)) {
  if (!copies.some((copy) => basename(copy.path) === name)) await rm(`${POLICY_CONTRACTS_DIR}/${name}`);
}
for (const copy of copies) await writeFile(copy.path, copy.text);
console.log(`sync:policies: wrote ${copies.map((copy) => copy.path).join(", ")}`);
