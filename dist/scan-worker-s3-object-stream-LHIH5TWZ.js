import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  createS3Client,
  networkTimeouts,
  readS3Object
} from "./scan-worker-chunk-6BCR7BAP.js";
import "./scan-worker-chunk-XO2NI57V.js";
import "./scan-worker-chunk-4O6M5R6G.js";
import "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-object-stream.ts
var clients = /* @__PURE__ */ new Map();
function clientFor(settings) {
  const id = JSON.stringify(settings);
  let client = clients.get(id);
  if (client === void 0) {
    client = createS3Client(settings);
    clients.set(id, client);
  }
  return client;
}
function openS3Object(settings, bucket, key, onRetry) {
  const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
  return readS3Object(clientFor(settings), { bucket, key, idleMs, ...onRetry && { onRetry } });
}
export {
  openS3Object
};
