/**
 * GitHub's published REST description (`@octokit/openapi`, generated/api.github.com.json): finds the
 * operation a request addresses, the way api.github.com routes it. Loaded once per process (13 MB).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
  "x-multi-segment"?: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses: Record<string, unknown>;
  externalDocs?: { url?: string };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { parameters: Record<string, OpenApiParameter> };
  "x-webhooks": Record<string, unknown>;
}

/** A parameter of a matched operation with the JSON pointer (into the document) of its schema. */
export interface ResolvedParameter {
  parameter: OpenApiParameter;
  schemaPointer: string;
}

export interface RouteMatch {
  operationId: string;
  method: string;
  template: string;
  operation: OpenApiOperation;
  /** JSON pointer of the operation object, e.g. "/paths/~1repos~1{owner}~1{repo}/get". */
  pointer: string;
  pathParams: Record<string, string>;
  parameters: ResolvedParameter[];
  documentationUrl: string;
}

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  operation: OpenApiOperation;
}

const require = createRequire(import.meta.url);
let loaded: { document: OpenApiDocument; routes: Route[] } | undefined;

export function openApiDocument(): OpenApiDocument {
  return load().document;
}

/** Finds the operation for a method and raw (still percent-encoded) path, or undefined like GitHub's 404. */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  const { document, routes } = load();
  const lower = method.toLowerCase();
  let best: { route: Route; values: string[] } | undefined;
  for (const route of routes) {
    if (route.method !== lower) continue;
    const found = route.regex.exec(rawPath);
    if (found === null) continue;
    if (best === undefined || route.literalSegments > best.route.literalSegments) {
      best = { route, values: found.slice(1) };
    }
  }
  if (best === undefined) return undefined;
  const { route, values } = best;
  const pathParams: Record<string, string> = {};
  route.names.forEach((name, i) => {
    pathParams[name] = decodeURIComponent(values[i] ?? "");
  });
  const pointer = `/paths/${escapePointer(route.template)}/${route.method}`;
  return {
    operationId: route.operation.operationId,
    method: route.method,
    template: route.template,
    operation: route.operation,
    pointer,
    pathParams,
    parameters: resolveParameters(document, route.operation, pointer),
    documentationUrl: route.operation.externalDocs?.url ?? "https://docs.github.com/rest",
  };
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function resolveParameters(document: OpenApiDocument, operation: OpenApiOperation, pointer: string): ResolvedParameter[] {
  return (operation.parameters ?? []).map((entry, index) => {
    if ("$ref" in entry) {
      const name = entry.$ref.replace("#/components/parameters/", "");
      const parameter = document.components.parameters[name];
      if (parameter === undefined) throw new Error(`OpenAPI document: unresolvable parameter ${entry.$ref}`);
      return { parameter, schemaPointer: `/components/parameters/${escapePointer(name)}/schema` };
    }
    return { parameter: entry, schemaPointer: `${pointer}/parameters/${index}/schema` };
  });
}

function load(): { document: OpenApiDocument; routes: Route[] } {
  if (loaded !== undefined) return loaded;
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const document = normalizeNullable(JSON.parse(readFileSync(file, "utf8"))) as OpenApiDocument;
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== "object" || operation === null || !("operationId" in operation)) continue;
      routes.push(compileRoute(document, template, method, operation));
    }
  }
  loaded = { document, routes };
  return loaded;
}

/**
 * OpenAPI 3.0's `nullable: true` next to `allOf`/`$ref` (no `type`) has no JSON Schema meaning and
 * ajv refuses it; rewrite those as `anyOf: [schema, { type: "null" }]`.
 */
function normalizeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullable);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = normalizeNullable(value);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: "null" }] };
  }
  return out;
}

function compileRoute(document: OpenApiDocument, template: string, method: string, operation: OpenApiOperation): Route {
  const multiSegment = new Set(
    resolveParameters(document, operation, "")
      .filter(({ parameter }) => parameter.in === "path" && parameter["x-multi-segment"] === true)
      .map(({ parameter }) => parameter.name),
  );
  const names: string[] = [];
  let literalSegments = 0;
  const pattern = template
    .split("/")
    .map((segment) => {
      if (!segment.includes("{")) {
        if (segment !== "") literalSegments += 1;
        return escapeRegex(segment);
      }
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return escapeRegex(part);
          names.push(name);
          // GitHub accepts an empty contents path (the repository root) and multi-segment refs/paths.
          if (multiSegment.has(name)) return name === "path" ? "(.*)" : "(.+)";
          return "([^/]+?)";
        })
        .join("");
    })
    .join("/");
  return { method, template, regex: new RegExp(`^${pattern}/?$`), names, literalSegments, operation };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
