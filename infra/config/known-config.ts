/**
 * What is known of a stack configuration that may not pass its schema: every value that is valid on
 * its own, field by field and list item by list item, so the cross-field rules can run on everything
 * that is not itself wrong. `given` answers whether a key was set at all, valid or not. Pure.
 */
import { z } from "zod";

/** A value with every field optional and every list item possibly unknown (undefined). */
export type Known<T> = T extends readonly (infer Item)[]
  ? (Known<Item> | undefined)[]
  : T extends Record<string, unknown>
    ? { [K in keyof T]?: Known<T[K]> }
    : T;

export type ConfigPath = readonly (string | number)[];

export interface KnownConfig<T> {
  /** The values that are valid on their own, with their defaults. */
  values: Known<T>;
  /** Whether the key at `path` was set, whatever its value. */
  given(path: ConfigPath): boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The parsed value when `value` passes `schema`; otherwise, for objects and lists, the parts that
 * pass; undefined for anything else that fails.
 */
export function knownValue(schema: z.ZodType, value: unknown): unknown {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  if (value === undefined) return undefined;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return knownValue(schema.unwrap() as z.ZodType, value);
  if (schema instanceof z.ZodObject && isPlainObject(value)) {
    const known: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const item = knownValue(field, value[key]);
      if (item !== undefined) known[key] = item;
    }
    return known;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.map((item) => knownValue(schema.element as z.ZodType, item));
  return undefined;
}

export function knownConfig<Schema extends z.ZodType>(schema: Schema, raw: unknown): KnownConfig<z.output<Schema>> {
  const values = (knownValue(schema, raw) ?? {}) as Known<z.output<Schema>>;
  return {
    values,
    given(path) {
      let node: unknown = raw;
      for (const part of path) {
        if (typeof part === "number" ? !Array.isArray(node) : !isPlainObject(node)) return false;
        node = (node as Record<string | number, unknown>)[part];
      }
      return node !== undefined;
    },
  };
}
