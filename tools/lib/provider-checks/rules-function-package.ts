// A Lambda function's package type, as the provider checks it when it plans a create
// (internal/service/lambda/function.go, CustomizeDiff checkHandlerRuntimeForZipFunction):
// `packageType` `Zip`, the schema's default, needs both `handler` and `runtime`, refused at
// `pulumi preview` with "handler and runtime must be set when PackageType is Zip". A function
// from a container image (`imageUri`) must say `packageType: "Image"`, or the default refuses it
// too. cfn-lint states the same of CloudFormation (W2533 `lmbd/ZipPackageRequiredProperties.py`).
import type { CrossRule } from "./rule";

const FUNCTION = "aws:lambda/function:Function";
const LAMBDA = "internal/service/lambda/function.go";

/**
 * `d.GetOk` reads an attribute left out as not set; an empty string given is left alone, as
 * everywhere in these tables (./index.ts, the lenient reading of `""`).
 */
const given = (v: unknown) => v !== undefined && v !== null;

const handlerAndRuntimeForZip: CrossRule = {
  type: FUNCTION,
  what: "handler and runtime for a Zip package (the default package type)",
  reads: ["packageType", "handler", "runtime"],
  check: (inputs) => {
    const zip = inputs.packageType === undefined || inputs.packageType === "Zip";
    if (!zip || (given(inputs.handler) && given(inputs.runtime))) return [];
    const missing = given(inputs.handler) ? "runtime" : "handler";
    return [
      {
        prop: missing,
        value: undefined,
        says: "handler and runtime must be set when PackageType is Zip",
      },
    ];
  },
  fix:
    'give handler and runtime (e.g. handler: "index.handler", runtime: "nodejs20.x"), or for a ' +
    'container image set packageType: "Image" beside imageUri',
  source: LAMBDA,
};

export const FUNCTION_PACKAGE_CROSS_RULES: readonly CrossRule[] = [handlerAndRuntimeForZip];
