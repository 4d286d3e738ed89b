// A Lambda function's package type, as the provider checks it when it plans a create
// (internal/service/lambda/function.go, CustomizeDiff checkHandlerRuntimeForZipFunction):
// `packageType` `Zip`, the schema's default, needs both `handler` and `runtime`, refused at
// `pulumi preview` with "handler and runtime must be set when PackageType is Zip". A function
// from a container image (`imageUri`) must say `packageType: "Image"`, or the default refuses it
// too. cfn-lint states the same of CloudFormation (W2533 `lmbd/ZipPackageRequiredProperties.py`).
// Where the code comes from, as the schema checks it: `s3Bucket` and `s3Key` only together
// (`RequiredWith` on each), `s3ObjectVersion` only from a bucket (`ConflictsWith` `filename`, the
// Pulumi `code`, and `image_uri`), at most five `layers` (`MaxItems: 5`). And AWS's own refusal at
// create: layers only on a Zip package. The provider sends `Layers` whatever the package type
// (resourceFunctionCreate; `Handler` and `Runtime` only for Zip, so those are not judged on an
// image); Lambda answers "Please don't provide Handler or Runtime or Layer when the intended
// function PackageType is Image" (pulumi/pulumi-aws#5439), and its layers page says "you can use
// layers only with Lambda functions deployed as a .zip file archive".
import type { CrossRule } from "./rule";
import { conflictsWith, maxItems, requiredWith } from "./rule";

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

const LAYERS_PAGE = "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html";

const layersOnlyOnZip: CrossRule = {
  type: FUNCTION,
  what: "layers only on a Zip package",
  reads: ["packageType", "layers"],
  check: (inputs) =>
    inputs.packageType === "Image" && Array.isArray(inputs.layers) && inputs.layers.length > 0
      ? [
          {
            prop: "layers",
            value: inputs.layers,
            says: "a function of packageType Image takes no layers: Lambda adds layers only to a .zip package",
          },
        ]
      : [],
  fix: "build the layers' content into the container image and leave layers out, or deploy a Zip package",
  source: LAYERS_PAGE,
  by: "aws",
};

export const FUNCTION_PACKAGE_CROSS_RULES: readonly CrossRule[] = [
  handlerAndRuntimeForZip,
  requiredWith(FUNCTION, ["s3Bucket", "s3_bucket"], [["s3Key", "s3_key"]], LAMBDA),
  requiredWith(FUNCTION, ["s3Key", "s3_key"], [["s3Bucket", "s3_bucket"]], LAMBDA),
  conflictsWith(FUNCTION, ["s3ObjectVersion", "s3_object_version"], ["code", "filename"], LAMBDA),
  conflictsWith(
    FUNCTION,
    ["s3ObjectVersion", "s3_object_version"],
    ["imageUri", "image_uri"],
    LAMBDA,
  ),
  maxItems(FUNCTION, ["layers", "layers"], 5, LAMBDA, {
    what: "at most five layers",
    fix: "at most five layers; merge their content into fewer layers (or into the package)",
  }),
  layersOnlyOnZip,
];
