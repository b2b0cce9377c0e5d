/**
 * What to do about a failed Batch Operations task, by error code. Pure; the permissions named come
 * from batch-permissions.ts so the advice matches what the Pulumi program grants.
 */
import {
  COPY_OBJECT_ACTIONS,
  COPY_SOURCE_KEY_ACTIONS,
  COPY_TARGET_KEY_ACTIONS,
  UPDATE_ENCRYPTION_OBJECT_ACTIONS,
  UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS,
  UPDATE_ENCRYPTION_TARGET_KEY_ACTIONS,
} from "../../contracts/batch-permissions.ts";
import type { JobOperation } from "../../contracts/plan-schema.ts";

export interface TaskFailure {
  errorCode: string;
  httpStatus: number | undefined;
  /** One result message seen for this code, for context. */
  message: string;
}

const list = (actions: readonly string[]) => actions.map((action) => `\`${action}\``).join(", ");

export function adviceForFailure(operation: JobOperation | undefined, failure: TaskFailure): string {
  const code = failure.errorCode;
  const message = failure.message;
  const copy = operation === "S3PutObjectCopy";
  if (code === "AccessDenied" || failure.httpStatus === 403) {
    if (/kms|key/i.test(message)) {
      const target = copy ? COPY_TARGET_KEY_ACTIONS : UPDATE_ENCRYPTION_TARGET_KEY_ACTIONS;
      const source = copy ? COPY_SOURCE_KEY_ACTIONS : UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS;
      return `The Batch Operations role is missing KMS permissions. Grant it ${list(target)} on the plan's KMS key and ${list(source)} on the keys the objects are encrypted with today, and check that each key policy allows the role (update the Pulumi stack's key settings and run \`pulumi up\`). Then re-plan and apply the remaining objects.`;
    }
    const objectActions = copy ? COPY_OBJECT_ACTIONS : UPDATE_ENCRYPTION_OBJECT_ACTIONS;
    const lock = copy ? "" : " Objects under Object Lock retention or legal hold also fail with AccessDenied: add ObjectLockMode, ObjectLockRetainUntilDate and ObjectLockLegalHoldStatus to the inventory so the plan skips them.";
    return `The Batch Operations role was denied on the objects. It needs ${list(objectActions)} on the bucket's objects; check the role policy and any bucket policy or SCP that denies it.${lock}`;
  }
  if (code === "NoSuchKey" || code === "NoSuchVersion" || failure.httpStatus === 404) {
    return "The object (or version) was deleted after the inventory was taken. Nothing to do; the next plan from a newer inventory will not list it.";
  }
  if (code === "PreconditionFailed" || failure.httpStatus === 412) {
    return "The object changed after the inventory was taken, so the copy was refused instead of overwriting the newer data. Re-plan from a newer inventory.";
  }
  if (code === "InvalidObjectState") {
    return "The object is archived (Glacier, Deep Archive or an Intelligent-Tiering archive tier) and cannot be copied without a restore. Add StorageClass and IntelligentTieringAccessTier to the inventory so the plan skips archived objects, or restore them first.";
  }
  if (code === "InvalidRequest" && !copy) {
    return "S3UpdateObjectEncryption accepts only SSE-S3 and SSE-KMS objects; this one is unencrypted, SSE-C or DSSE-KMS. Add EncryptionStatus to the inventory configuration and re-run the plan, which then routes unencrypted objects to copy jobs and skips SSE-C/DSSE-KMS.";
  }
  if (code === "InvalidRequest" && /larger than the maximum allowable size|5368709120/.test(message)) {
    return "The object is larger than 5 GB, the most a copy can handle. Add Size to the inventory so the plan skips such objects; re-encrypt them with a multipart copy outside Batch Operations.";
  }
  if (code === "SlowDown" || code === "ServiceUnavailable" || code === "InternalError" || failure.httpStatus === 503 || failure.httpStatus === 500) {
    return "S3 returned a transient error after its own retries. Re-plan from a newer inventory and apply again to pick up the remaining objects.";
  }
  return "See the result message in the completion report; fix the cause, then re-plan from a newer inventory and apply again.";
}
