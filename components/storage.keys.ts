// The storage layer's config keys: how long uploads live and who writes the ingest bucket.
import { section } from "./keys";
import { SERVICE_TRUST_CONDITIONS } from "./iam/trust-conditions";

/** Who may assume the ingest producer role. */
export interface IngestPrincipal {
  /** A service principal (`Service`) or an IAM role ARN (`AWS`). */
  readonly type: "Service" | "AWS";
  /** e.g. "kafkaconnect.amazonaws.com" (MSK Connect) or "arn:aws:iam::111122223333:role/connect". */
  readonly identifier: string;
  /**
   * `sts:ExternalId` the role must present; required for an AWS principal in another account.
   * Without it the trust also requires `aws:PrincipalAccount` = this account, so a role elsewhere
   * cannot assume the ingest role (a warning says so at deploy time).
   */
  readonly externalId?: string;
  /**
   * For a service principal: the ARN (wildcards allowed) of the resources that act through it, e.g.
   * "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/ingest/*". Defaults, for MSK Connect, to
   * every connector of this account and region (the wildcard MSK's confused-deputy example uses);
   * for another service to none. Only for services that document aws:SourceArn.
   */
  readonly sourceArn?: string;
}

/** The storage settings a stack's config yields. */
export interface StorageSettings {
  /** Days after which uploaded objects expire. Defaults to 7. */
  readonly objectExpirationDays: number;
  /** Who may assume the ingest producer role: a service principal (e.g. "kafkaconnect.amazonaws.com" for MSK Connect) or an IAM role ARN (possibly in another account). */
  readonly ingestPrincipal: IngestPrincipal;
}

/** An IAM role ARN; group 2 is its account. */
export const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
/** A service principal, e.g. kafkaconnect.amazonaws.com. */
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;
/** IAM's sts:ExternalId characters. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]+$/;

const EXTERNAL_ID_ALLOWED =
  "a string of 2 to 1224 characters (required for a role in another account)";

/** Upload storage (components/storage/). */
export const STORAGE_SECTION = section({
  title: "Storage",
  summary: "The upload buckets and their producer roles (components/storage/).",
  keys: {
    objectExpirationDays: {
      key: "objectExpirationDays",
      kind: "integer",
      min: 1,
      max: 3650,
      default: 7,
      description: "Days after which uploaded objects expire in the producer buckets.",
      allowed: "an integer from 1 to 3650",
    },
    ingestPrincipal: {
      key: "ingestPrincipal",
      kind: "string",
      required: true,
      description:
        "Who writes Kafka ingest uploads, a service principal (kafkaconnect.amazonaws.com) or an IAM role ARN.",
      allowed: `a service principal such as "kafkaconnect.amazonaws.com" or an IAM role ARN`,
      check: (id, ctx) => {
        if (SERVICE_PRINCIPAL.test(id)) {
          // The ingest role's trust carries the confused-deputy keys the service documents; a
          // service whose documentation has not been read for them is refused rather than guessed.
          if (id in SERVICE_TRUST_CONDITIONS) return;
          ctx.fail(
            "ingestPrincipal",
            `"${id}" is a service whose trust conditions are not recorded (components/iam SERVICE_TRUST_CONDITIONS); use ${Object.keys(
              SERVICE_TRUST_CONDITIONS,
            )
              .filter((k) => k.startsWith("kafkaconnect"))
              .join(", ")} or an IAM role ARN, or record the service first`,
          );
          return false;
        }
        if (ROLE_ARN.test(id)) return;
        ctx.fail(
          "ingestPrincipal",
          `"${id}" is neither a service principal (e.g. "kafkaconnect.amazonaws.com") nor an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`,
        );
        return false;
      },
    },
    externalId: {
      key: "ingestExternalId",
      kind: "string",
      description: "sts:ExternalId the ingest role requires of a role principal.",
      allowed: EXTERNAL_ID_ALLOWED,
      check: (id, ctx) => {
        if (id.length < 2 || id.length > 1224 || !EXTERNAL_ID.test(id)) {
          ctx.fail(
            "ingestExternalId",
            `must be ${EXTERNAL_ID_ALLOWED} of letters, digits and +=,.@:/-`,
          );
        }
      },
      appliesWhen: {
        text: "ingestPrincipal is an IAM role ARN",
        holds: (ctx) => {
          const id = ctx.value<string>("ingestPrincipal");
          return id === undefined ? undefined : !SERVICE_PRINCIPAL.test(id);
        },
      },
    },
  },
  build: (v): StorageSettings => ({
    objectExpirationDays: v.objectExpirationDays,
    ingestPrincipal: SERVICE_PRINCIPAL.test(v.ingestPrincipal)
      ? { type: "Service", identifier: v.ingestPrincipal }
      : { type: "AWS", identifier: v.ingestPrincipal, externalId: v.externalId },
  }),
});
