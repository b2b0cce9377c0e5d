/**
 * GetObjectTagging, PutObjectTagging and DeleteObjectTagging on one object version (the current one
 * unless ?versionId= names another). Tag sets are replaced whole; at most 10 tags per object.
 */
import { readSmallBody } from "./body-receiver.ts";
import { validateTags, versionIdHeader } from "./object-headers.ts";
import { locateObject } from "./object-lookup.ts";
import type { OperationHandler } from "./request-context.ts";
import { parseRequestXml, xmlGet, xmlItems, xmlString } from "./xml-codec.ts";

export const getObjectTagging: OperationHandler = async (request, server) => {
  const { bucket, version } = locateObject(request, server);
  return {
    status: 200,
    headers: { "x-amz-version-id": versionIdHeader(bucket, version) },
    xml: { root: "Tagging", content: { TagSet: { Tag: version.tags } } },
  };
};

export const putObjectTagging: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const { bucket, version } = locateObject(request, server);
  const tags = xmlItems(xmlGet(parseRequestXml(body, "Tagging"), "TagSet", "Tag")).map((tag) => ({
    Key: xmlString(xmlGet(tag, "Key")) ?? "",
    Value: xmlString(xmlGet(tag, "Value")) ?? "",
  }));
  version.tags = validateTags(tags);
  return { status: 200, headers: { "x-amz-version-id": versionIdHeader(bucket, version) } };
};

export const deleteObjectTagging: OperationHandler = async (request, server) => {
  const { bucket, version } = locateObject(request, server);
  version.tags = [];
  return { status: 204, headers: { "x-amz-version-id": versionIdHeader(bucket, version) } };
};
