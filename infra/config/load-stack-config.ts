import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "./parse-stack-config.ts";
import type { StackConfig } from "./parse-stack-config.ts";

/**
 * Reads every `<namespace>:<key>` value of the running stack (the Pulumi CLI passes them in
 * PULUMI_CONFIG) and parses them. Reading them all, not key by key, is what lets a misspelt
 * top-level key fail the preview.
 */
export function loadStackConfig(namespace: string): StackConfig {
  const raw: Record<string, string> = {};
  const prefix = `${namespace}:`;
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  return parseStackConfig(namespace, raw);
}
