import { BucketKeysError } from "./contracts/errors.ts";

/**
 * A policy's configuration (from `--policy-pack-config` or Pulumi Cloud) is malformed. `policy` is
 * the policy name ("" for the file as a whole), `field` the path inside its config, when known.
 */
export class PolicyConfigError extends BucketKeysError {
  readonly policy: string;
  readonly field: string | undefined;

  constructor(policy: string, field: string | undefined, message: string) {
    super("POLICY_CONFIG", message);
    this.name = "PolicyConfigError";
    this.policy = policy;
    this.field = field;
    // @pulumi/policy forwards `error.stack` to the CLI; the message says everything, a JS stack only hides it.
    this.stack = `${this.name}: ${message}`;
  }
}
