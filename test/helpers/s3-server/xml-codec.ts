/**
 * S3's REST-XML as @aws-sdk/client-s3 writes and reads it: request bodies parsed into plain trees of
 * strings (repeated elements such as Rule, Tag, Part and Object always as arrays), responses built
 * from plain objects in S3's namespace, lists flattened (an array is a run of repeated elements).
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { S3Error } from "./s3-error.ts";

export type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };
export type XmlObject = { [name: string]: XmlNode };

export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
const REPEATED = new Set(["Rule", "Tag", "Part", "Object"]);

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false });

/** Parses a request body and returns the content of its root element; MalformedXML otherwise. */
export function parseRequestXml(body: Buffer | string, rootName: string): XmlObject {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(body.toString()) as Record<string, unknown>;
  } catch {
    throw S3Error.malformedXml();
  }
  const root = document[rootName];
  if (root === undefined) throw S3Error.malformedXml();
  return root === "" ? {} : (root as XmlObject);
}

/** `<?xml?><Root xmlns="...">...</Root>`; undefined members are left out, dates become ISO 8601. */
export function buildResponseXml(rootName: string, content: Record<string, unknown>): string {
  const body = builder.build({ [rootName]: { "@_xmlns": S3_NAMESPACE, ...(prune(content) as Record<string, unknown>) } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** Reads a nested value by element names; undefined when any step is missing. */
export function xmlGet(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current: XmlNode | undefined = node;
  for (const name of path) {
    if (current === undefined || typeof current === "string" || Array.isArray(current)) return undefined;
    current = current[name];
  }
  return current;
}

export function xmlString(node: XmlNode | undefined): string | undefined {
  return typeof node === "string" ? node : undefined;
}

/** The elements of a repeated element (always an array after parsing; a lone object is one item). */
export function xmlItems(node: XmlNode | undefined): XmlNode[] {
  if (node === undefined || node === "") return [];
  return Array.isArray(node) ? node : [node];
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = prune(child);
  return out;
}
