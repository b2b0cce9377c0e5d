/**
 * Settings reach the apply and status commands from two doors: Action inputs (`account-id`) and CLI
 * flags (`--account-id`). They share one name; only the way an error message names them differs.
 */
export type SettingSource = "input" | "flag";

/** Raw setting values as read from the door, keyed by their kebab-case name. */
export type RawSettings = Readonly<Record<string, string | readonly string[] | undefined>>;

/** How an error message names a setting: `input "account-id"` or `--account-id`. */
export function settingName(name: string, source: SettingSource): string {
  return source === "input" ? `input "${name}"` : `--${name}`;
}

/** A single string value, trimmed; undefined when absent or empty. */
export function stringSetting(raw: RawSettings, name: string): string | undefined {
  const value = raw[name];
  const text = Array.isArray(value) ? value.join("\n") : (value as string | undefined);
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** A list value: array items, or a string split on newlines and commas; trimmed, empties dropped. */
export function listSetting(raw: RawSettings, name: string): string[] {
  const value = raw[name];
  const items = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return items
    .flatMap((item: string) => item.split(/[\n,]/))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
