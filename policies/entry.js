// The Pulumi CLI loads a Node.js policy pack with `require(<pack folder>)` after registering ts-node
// (@pulumi/pulumi/cmd/run-policy-pack, whatever PulumiPolicy.yaml says), so a `.ts` main would be
// type-checked and compiled by ts-node. This plain-JS main hands over to Node's own ESM loader instead,
// which runs index.ts and the shared action/core/*.ts sources with native type stripping (Node >= 22.18).
import "./index.ts";
