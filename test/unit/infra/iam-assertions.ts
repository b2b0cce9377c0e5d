/**
 * Checks every IAM document of this project must pass: actions spelled out (no `*` or `?` in an
 * Allow), and every Allow scoped to named resources. Returns the problems found, so a test can
 * assert on an empty list and print what is wrong otherwise.
 */
import type { PolicyDocument, PolicyStatement } from "../../../infra/iam/policy-document.ts";

export interface ScopeExceptions {
  /** Actions that IAM offers no resource-level permission for (they must use "*"). */
  unscopableActions?: readonly string[];
  /** Key policies: `Resource: "*"` means "this key". */
  keyPolicy?: boolean;
}

export function wildcardActions(document: PolicyDocument): string[] {
  return document.Statement.filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) => statement.Action)
    .filter((action) => action.includes("*") || action.includes("?"));
}

export function unscopedResources(document: PolicyDocument, exceptions: ScopeExceptions = {}): string[] {
  const problems: string[] = [];
  for (const statement of document.Statement.filter((s: PolicyStatement) => s.Effect === "Allow")) {
    // Trust policies name a principal and no resource: the role itself is the resource.
    if (statement.Resource === undefined && statement.Action.every((action) => action.startsWith("sts:AssumeRole"))) continue;
    for (const resource of statement.Resource ?? ["<missing>"]) {
      const unscoped = resource === "*" || resource === "<missing>" || /^arn:[^:]+:s3:::\*/.test(resource) || /:key\/\*$/.test(resource);
      if (!unscoped) continue;
      if (exceptions.keyPolicy && resource === "*") continue;
      if (resource === "*" && statement.Action.every((action) => exceptions.unscopableActions?.includes(action))) continue;
      problems.push(`${statement.Sid}: ${resource}`);
    }
  }
  return problems;
}

/** Parses a policy given as JSON text (as resource inputs carry them) and checks its shape. */
export function parsePolicy(text: unknown): PolicyDocument {
  if (typeof text !== "string") throw new Error(`expected a JSON policy string, got ${typeof text}`);
  const document = JSON.parse(text) as PolicyDocument;
  if (document.Version !== "2012-10-17" || !Array.isArray(document.Statement) || document.Statement.length === 0) {
    throw new Error(`not a policy document: ${text.slice(0, 200)}`);
  }
  return document;
}

export function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}; have ${document.Statement.map((s) => s.Sid).join(", ")}`);
  return found;
}
