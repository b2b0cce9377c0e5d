/**
 * IAM policy documents as the engine sends them: a JSON string (`JSON.stringify`, `pulumi.jsonStringify`,
 * `aws.iam.getPolicyDocument(...).json`) or an object (`aws.iam.PolicyDocument`). Element names are
 * case-sensitive in IAM's grammar; action names and condition keys are not.
 */
import { UNKNOWN, asStrings, isRecord, type Plain, type PlainRecord, type Unknown } from "./props.ts";

export interface Statement {
  /** Position in the document, for messages (`Statement[1]`), or the Sid when it has one. */
  label: string;
  effect: string | Unknown | undefined;
  actions: string[] | Unknown;
  notActions: string[] | Unknown;
  resources: string[] | Unknown;
  notResources: string[] | Unknown;
  /** `Principal.Service` values. */
  services: string[] | Unknown;
  condition: Plain | undefined;
}

export type ParsedDocument = { statements: Statement[] } | { error: string };

/** UNKNOWN while preview can't tell, undefined when there is no document. */
export function parseDocument(value: Plain | undefined): ParsedDocument | Unknown | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined || value === null || value === "") return undefined;
  let document: Plain = value;
  if (typeof value === "string") {
    try {
      document = JSON.parse(value) as Plain;
    } catch (error) {
      return { error: `is not valid JSON (${(error as Error).message})` };
    }
  }
  if (!isRecord(document)) return { error: "is not a JSON object" };
  const raw = document.Statement;
  if (raw === UNKNOWN) return UNKNOWN;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (const [index, item] of list.entries()) {
    if (item === UNKNOWN) return UNKNOWN;
    if (isRecord(item)) statements.push(readStatement(item, index));
  }
  return { statements };
}

function readStatement(item: PlainRecord, index: number): Statement {
  const principal = item.Principal;
  const services = principal === UNKNOWN ? UNKNOWN : isRecord(principal) ? asStrings(principal.Service) : [];
  return {
    label: typeof item.Sid === "string" && item.Sid !== "" ? `statement '${item.Sid}'` : `Statement[${index}]`,
    effect: item.Effect === UNKNOWN ? UNKNOWN : typeof item.Effect === "string" ? item.Effect : undefined,
    actions: asStrings(item.Action),
    notActions: asStrings(item.NotAction),
    resources: asStrings(item.Resource),
    notResources: asStrings(item.NotResource),
    services,
    condition: item.Condition,
  };
}

export function hasWildcard(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

/** Whether an IAM action pattern (case-insensitive, `*` and `?` wildcards) matches an action. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i").test(action);
}

/**
 * Why a resource is unscoped, or undefined when it names specific buckets or keys: `*`, S3 ARNs
 * whose bucket part has a wildcard (objects of any bucket), KMS ARNs with a wildcard account or key.
 */
export function unscopedReason(resource: string): string | undefined {
  if (resource === "*") return `"*" (every resource)`;
  const s3 = /^arn:[^:]*:s3:::([^/]*)/.exec(resource);
  if (s3 && hasWildcard(s3[1] ?? "")) return `${JSON.stringify(resource)} (objects of any matching bucket)`;
  const kms = /^arn:[^:]*:kms:[^:]*:([^:]*):(.*)$/.exec(resource);
  if (kms && hasWildcard(`${kms[1] ?? ""}:${kms[2] ?? ""}`)) return `${JSON.stringify(resource)} (any matching KMS key)`;
  return undefined;
}

/** `"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}` or StringLike, without wildcards. */
export function hasSourceAccountCondition(condition: Plain | undefined): boolean {
  if (condition === UNKNOWN) return true;
  if (!isRecord(condition)) return false;
  for (const [operator, clause] of Object.entries(condition)) {
    if (operator !== "StringEquals" && operator !== "StringLike") continue;
    if (clause === UNKNOWN) return true;
    if (!isRecord(clause)) continue;
    for (const [key, value] of Object.entries(clause)) {
      if (key.toLowerCase() !== "aws:sourceaccount") continue;
      const accounts = asStrings(value);
      if (accounts === UNKNOWN) return true;
      if (accounts.length > 0 && accounts.every((account) => account !== "" && !hasWildcard(account))) return true;
    }
  }
  return false;
}
