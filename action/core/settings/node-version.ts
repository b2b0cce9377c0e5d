/** The Node.js versions bucket-keys supports: package.json's engines.node (a test holds them equal). */
export const MIN_NODE_MAJOR = 22;

/**
 * The warning the CLI prints on a Node.js older than MIN_NODE_MAJOR (`version` as in process.version,
 * "v20.20.2"), or undefined. A warning, not a refusal: the CLI may well work, it is just not tested there.
 */
export function nodeVersionWarning(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major) || major >= MIN_NODE_MAJOR) return undefined;
  return `bucket-keys: warning: Node.js ${version} is older than the oldest supported version, ${MIN_NODE_MAJOR}; nothing is tested on it. Use Node.js ${MIN_NODE_MAJOR} or newer.`;
}
