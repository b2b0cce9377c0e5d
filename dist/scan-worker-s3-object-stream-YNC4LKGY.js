import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  createS3Client,
  require_dist_cjs,
  s3CallError
} from "./scan-worker-chunk-VJDI4XHT.js";
import "./scan-worker-chunk-XO2NI57V.js";
import "./scan-worker-chunk-4O6M5R6G.js";
import {
  __toESM
} from "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-object-stream.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
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
async function openS3Object(settings, bucket, key) {
  try {
    const response = await clientFor(settings).send(new import_client_s3.GetObjectCommand({ Bucket: bucket, Key: key }));
    return response.Body;
  } catch (error) {
    throw s3CallError(error, "GetObject", bucket, key);
  }
}
export {
  openS3Object
};
