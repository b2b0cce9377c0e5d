/** Plain IAM policy documents, built by pure functions and serialised once, where a resource needs them. */

export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export type Principal = "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Principal;
  Action: string[];
  Resource?: string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Sorted, without duplicates, so documents are stable and diffs stay quiet. */
export function actions(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

export function toJson(document: PolicyDocument): string {
  return JSON.stringify(document);
}
