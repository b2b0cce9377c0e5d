/**
 * Validates requests (path/query parameters, JSON bodies) and responses against the schemas of
 * GitHub's REST description with ajv. Schemas are compiled on first use and cached per pointer.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { GitHubFieldError } from "./github-api-error.ts";
import { escapePointer, openApiDocument, type RouteMatch } from "./openapi-spec.ts";

const DOCUMENT_ID = "api.github.com";

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface ValidationProblem {
  /** "body.title", "query.per_page", "path.pull_number" ... */
  field: string;
  code: "missing_field" | "invalid";
  message: string;
}

let instances: { coercing: Ajv; strict: Ajv } | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Checks path and query parameters (query values coerced from strings, as GitHub parses them). */
export function validateParameters(match: RouteMatch, query: URLSearchParams): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const { parameter, schemaPointer } of match.parameters) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    const raw = parameter.in === "path" ? match.pathParams[parameter.name] : (query.get(parameter.name) ?? undefined);
    const field = `${parameter.in}.${parameter.name}`;
    if (raw === undefined) {
      if (parameter.required === true) problems.push({ field, code: "missing_field", message: `"${parameter.name}" wasn't supplied.` });
      continue;
    }
    // Wrapped in an object so ajv can coerce the string ("2" -> 2, "true" -> true) in place.
    const validate = compile("coercing", schemaPointer, true);
    if (!validate({ value: raw })) problems.push(...describe(validate.errors, field).map((p) => ({ ...p, field })));
  }
  return problems;
}

/** Checks a JSON request body against the operation's `application/json` schema. */
export function validateBody(match: RouteMatch, body: unknown): ValidationProblem[] {
  const requestBody = match.operation.requestBody;
  const jsonSchema = requestBody?.content?.["application/json"]?.schema;
  if (jsonSchema === undefined) return [];
  if (body === undefined) {
    return requestBody?.required === true ? [{ field: "body", code: "missing_field", message: "Body wasn't supplied." }] : [];
  }
  const validate = compile("strict", `${match.pointer}/requestBody/content/application~1json/schema`);
  return validate(body) ? [] : describe(validate.errors, "body");
}

/**
 * Checks a response body against the schema GitHub documents for that operation and status
 * (used by tests to prove the server's responses carry what real clients read).
 */
export function validateResponse(operationId: string, status: number, body: unknown): ValidationProblem[] {
  const pointer = findOperationPointer(operationId);
  const validate = compile("strict", `${pointer}/responses/${status}/content/application~1json/schema`);
  return validate(body) ? [] : describe(validate.errors, "response");
}

/** Checks a webhook payload (e.g. "push") against the description's `x-webhooks` schema. */
export function validateWebhookPayload(event: string, payload: unknown): ValidationProblem[] {
  const validate = compile("strict", `/x-webhooks/${escapePointer(event)}/post/requestBody/content/application~1json/schema`);
  return validate(payload) ? [] : describe(validate.errors, "payload");
}

function findOperationPointer(operationId: string): string {
  for (const [template, item] of Object.entries(openApiDocument().paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return `/paths/${escapePointer(template)}/${method}`;
    }
  }
  throw new Error(`OpenAPI document has no operation "${operationId}"`);
}

function compile(kind: "coercing" | "strict", pointer: string, wrapValue = false): ValidateFunction {
  const key = `${kind}:${wrapValue ? "wrapped:" : ""}${pointer}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const ajv = ajvInstances()[kind];
  const ref = { $ref: `${DOCUMENT_ID}#${pointer}` };
  const validate = ajv.compile(wrapValue ? { type: "object", properties: { value: ref } } : ref);
  compiled.set(key, validate);
  return validate;
}

function ajvInstances(): { coercing: Ajv; strict: Ajv } {
  if (instances !== undefined) return instances;
  const make = (coerceTypes: boolean): Ajv => {
    // strict: false because OpenAPI 3.0 schemas carry keywords JSON Schema doesn't know (example, x-*).
    const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateSchema: false, logger: false });
    addFormats(ajv);
    ajv.addFormat("repo.nwo", /^[^/\s]+\/[^/\s]+$/);
    ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
    ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    ajv.addFormat("double", { type: "number", validate: () => true });
    ajv.addFormat("binary", true);
    ajv.addFormat("timestamp", true);
    ajv.addSchema(openApiDocument() as object, DOCUMENT_ID);
    return ajv;
  };
  instances = { coercing: make(true), strict: make(false) };
  return instances;
}

function describe(errors: ErrorObject[] | null | undefined, root: string): ValidationProblem[] {
  return (errors ?? []).map((error) => {
    const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    if (error.keyword === "required") {
      const missing = String((error.params as { missingProperty?: string }).missingProperty);
      const field = [root, path, missing].filter((p) => p !== "").join(".");
      return { field, code: "missing_field", message: `"${missing}" wasn't supplied.` };
    }
    const field = [root, path].filter((p) => p !== "").join(".");
    return { field, code: "invalid", message: `${field} ${error.message ?? "is invalid"}` };
  });
}

/** GitHub's 422 `errors[]` entries for validation problems. */
export function toFieldErrors(resource: string, problems: ValidationProblem[]): GitHubFieldError[] {
  return problems.map((p) => ({ resource, field: p.field.replace(/^(body|query|path)\.?/, ""), code: p.code, message: p.message }));
}
