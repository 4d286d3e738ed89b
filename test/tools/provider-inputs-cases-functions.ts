// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: where a Lambda function's code comes from and what it adds, as the
// provider checks it at preview and Lambda at create (rules-function-package.ts); and a DynamoDB
// table's point-in-time recovery period (rules-tables.ts).
import type { Case } from "./provider-inputs-cases";

const FUNCTION = "aws:lambda/function:Function";
const TABLE = "aws:dynamodb/table:Table";
const layer = (n: number) => `arn:aws:lambda:us-east-1:123456789012:layer:deps${n}:1`;
/** The fixture's function deployed from a bucket instead of its archive. */
const FROM_BUCKET = { code: undefined, s3Bucket: "artifacts", s3Key: "fn.zip" };
/** The fixture's function as a container image, with no layers. */
const IMAGE = {
  code: undefined,
  handler: undefined,
  runtime: undefined,
  layers: undefined,
  packageType: "Image",
  imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
};

export const FUNCTIONS_COMPLIANT: Record<string, Record<string, unknown>> = {
  // Five layers, the most a function takes.
  [FUNCTION]: { layers: [1, 2, 3, 4, 5].map(layer) },
  [TABLE]: { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 } },
};

export const FUNCTIONS_BROKEN: Case[] = [
  [
    TABLE,
    "pointInTimeRecovery",
    { enabled: true, recoveryPeriodInDays: 36 },
    "expected point_in_time_recovery.0.recovery_period_in_days to be in the range (1 - 35), got 36",
  ],
  [
    TABLE,
    "pointInTimeRecovery",
    { enabled: true, recoveryPeriodInDays: 0 },
    "recovery_period_in_days to be in the range (1 - 35), got 0",
  ],
  [
    FUNCTION,
    "layers",
    [1, 2, 3, 4, 5, 6].map(layer),
    "Too many list items. Attribute layers supports 5 item maximum, but config has 6 declared.",
  ],
  [
    FUNCTION,
    "s3Key",
    undefined,
    '"s3_bucket": all of `s3_bucket,s3_key` must be specified',
    FROM_BUCKET,
  ],
  [FUNCTION, "s3Key", "fn.zip", '"s3_key": all of `s3_bucket,s3_key` must be specified'],
  [FUNCTION, "s3ObjectVersion", "3", '"s3_object_version": conflicts with filename'],
  [FUNCTION, "s3ObjectVersion", "3", '"s3_object_version": conflicts with image_uri', IMAGE],
  [FUNCTION, "layers", [layer(1)], "a function of packageType Image takes no layers", IMAGE],
];
