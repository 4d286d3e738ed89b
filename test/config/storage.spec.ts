// Storage keys: every bad input names its key.
import { BadInput, outOfRange, rejects } from "../fixtures/config";

describe("config: storage", () => {
  const cases: BadInput[] = [
    outOfRange("expiration out of range", "platform:objectExpirationDays", 0),
    [
      "bad ingest principal",
      { "platform:ingestPrincipal": "kafka" },
      /^platform:ingestPrincipal: "kafka" is neither a service principal/,
    ],
    [
      "an ingest service whose trust conditions are not recorded",
      { "platform:ingestPrincipal": "firehose.amazonaws.com" },
      /^platform:ingestPrincipal: "firehose\.amazonaws\.com" is a service whose trust conditions are not recorded/,
    ],
    [
      "external id for a service",
      { "platform:ingestExternalId": "abc123" },
      /^platform:ingestExternalId: applies only when ingestPrincipal is an IAM role ARN/,
    ],
  ];
  rejects(cases);
});
