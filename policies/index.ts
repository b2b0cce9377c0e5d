/**
 * The policy pack. The Pulumi CLI starts it with `@pulumi/pulumi/cmd/run-policy-pack` from this folder
 * (see entry.js); constructing the PolicyPack starts the Analyzer gRPC server and prints its port.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_NAME, PACK_POLICIES } from "./pack.ts";

new PolicyPack(PACK_NAME, {
  description: PACK_DESCRIPTION,
  policies: PACK_POLICIES.map(({ policy }) => policy),
});
