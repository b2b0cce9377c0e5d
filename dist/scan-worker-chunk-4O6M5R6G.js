import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);

// action/contracts/errors.ts
var BucketKeysError = class extends Error {
  code;
  constructor(code, message, options) {
    super(message, options);
    this.name = "BucketKeysError";
    this.code = code;
  }
};
var InputError = class extends BucketKeysError {
  input;
  constructor(input, message, options) {
    super("INPUT", message, options);
    this.name = "InputError";
    this.input = input;
  }
};
var InventoryDataError = class extends BucketKeysError {
  file;
  line;
  constructor(file, line, message, options) {
    super("INVENTORY_DATA", message, options);
    this.name = "InventoryDataError";
    this.file = file;
    this.line = line;
  }
};
var ChecksumMismatchError = class extends BucketKeysError {
  file;
  expected;
  actual;
  /** `message` replaces the data-file wording, e.g. for manifest.json against manifest.checksum. */
  constructor(file, expected, actual, message) {
    super(
      "CHECKSUM_MISMATCH",
      message ?? `${file}: MD5 mismatch (manifest ${expected}, file ${actual}). The data file changed or was copied incompletely; re-sync the inventory folder and run again.`
    );
    this.name = "ChecksumMismatchError";
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
};
var AwsCallError = class extends BucketKeysError {
  operation;
  awsCode;
  constructor(operation, awsCode, message, options) {
    super("AWS", message, options);
    this.name = "AwsCallError";
    this.operation = operation;
    this.awsCode = awsCode;
  }
};

export {
  BucketKeysError,
  InputError,
  InventoryDataError,
  ChecksumMismatchError,
  AwsCallError
};
