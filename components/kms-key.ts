// A customer-managed KMS key whose policy separates key administration from key use.
//
// KMS key policies are the primary access control for a key: no principal, not even the account,
// has access unless the key policy says so (KMS docs, "Default key policy": "Unlike other AWS
// resource policies, an AWS KMS key policy does not automatically give permission to the account
// or any of its users"). The usual default gives the account principal `kms:*`, which lets any IAM
// policy in the account grant Decrypt. Here the account principal gets only the key-administration
// actions, and every use of the key is an explicit grant in the key policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentScope, invalidArguments, keyAliasName } from "./context";
import { ConditionOperator, PolicyStatement, policyDocument } from "./iam";
import { TagsOf } from "./naming";

/** One key-policy statement that lets principals use the key. */
export interface KeyGrant {
  /** Statement id, unique in the key policy (letters and digits). */
  readonly sid: string;
  /** Who may use the key: IAM role/account ARNs (`AWS`) or service principals (`Service`). */
  readonly principals: {
    readonly type: "AWS" | "Service";
    readonly identifiers: pulumi.Input<string>[];
  };
  /** KMS actions, e.g. `kms:Decrypt`. Wildcards (`*`, `kms:*`) are rejected. */
  readonly actions: string[];
  /** Conditions that narrow the grant (`kms:ViaService`, `aws:SourceArn`, encryption context). */
  readonly conditions?: {
    readonly test: string;
    readonly variable: string;
    readonly values: pulumi.Input<string>[];
  }[];
}

/** A customer-managed symmetric encryption key with rotation on and an explicit key policy. */
export interface EncryptionKeyArgs {
  /** What the key protects; shown in the KMS console. */
  readonly description: string;
  /** Who may use the key and how. The account principal gets administration only, never use. */
  readonly grants: readonly KeyGrant[];
  /** Waiting period (7-30 days) before a deleted key is destroyed. Defaults to 30. */
  readonly deletionWindowInDays?: number;
  /**
   * Protect the key against `pulumi destroy` and keep it in AWS when it leaves the stack
   * (`protect` + `retainOnDelete`): data encrypted under a deleted key is lost. Defaults to false.
   */
  readonly protect?: boolean;
  /** Alias, including the `alias/` prefix. Defaults to `alias/<name>`. */
  readonly aliasName?: string;
  readonly tags: Record<string, string>;
}

/**
 * Key-administration actions the account principal receives: the key administrators statement of
 * the KMS console's default key policy (KMS docs, "Default key policy" > "Allows key
 * administrators to administer the KMS key": kms:Create*, Describe*, Enable*, List*, Put*,
 * Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion,
 * CancelKeyDeletion, RotateKeyOnDemand), spelled out action by action so no future KMS action is
 * added silently. Deliberately left out: kms:CreateGrant (matched by `kms:Create*` in the console
 * policy) because a grant delegates *use* of the key, and every cryptographic action (Encrypt,
 * Decrypt, ReEncrypt*, GenerateDataKey*). Holders of kms:PutKeyPolicy can still rewrite the
 * policy (KMS docs warn about this for every key administrator); that change is an audited
 * CloudTrail event, unlike a silent IAM grant.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  "kms:CreateAlias",
  "kms:DescribeKey",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
  "kms:RevokeGrant",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:DeleteAlias",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/** Sid of the administration statement (reserved: a grant may not reuse it). */
export const KEY_ADMIN_SID = "KeyAdministrationByAccount";

const SID_PATTERN = /^[A-Za-z0-9]+$/;
const ALIAS_PATTERN = /^alias\/[A-Za-z0-9/_-]+$/;

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: EncryptionKeyArgs): void {
  const problems: string[] = [];
  if (!args.description.trim()) problems.push("description must not be empty");
  const window = args.deletionWindowInDays ?? 30;
  if (!Number.isInteger(window) || window < 7 || window > 30) {
    problems.push(`deletionWindowInDays must be an integer from 7 to 30, got ${window}`);
  }
  const alias = args.aliasName ?? `alias/${name}`;
  if (!ALIAS_PATTERN.test(alias) || alias.startsWith("alias/aws/") || alias.length > 256) {
    problems.push(
      `alias "${alias}" is invalid (alias/ followed by letters, digits, /, _, -; not alias/aws/)`,
    );
  }
  const sids = new Set<string>([KEY_ADMIN_SID]);
  args.grants.forEach((g, i) => {
    const where = `grants[${i}] (${g.sid || "no sid"})`;
    if (!SID_PATTERN.test(g.sid)) problems.push(`${where}: sid must match ${SID_PATTERN}`);
    if (sids.has(g.sid)) problems.push(`${where}: sid is already used`);
    sids.add(g.sid);
    if (g.principals.identifiers.length === 0) problems.push(`${where}: no principal`);
    if (g.principals.identifiers.some((p) => p === "*")) {
      problems.push(`${where}: a wildcard principal "*" is not allowed`);
    }
    if (g.actions.length === 0) problems.push(`${where}: no action`);
    for (const a of g.actions) {
      if (a === "*" || a === "kms:*") problems.push(`${where}: wildcard action "${a}"`);
      else if (!a.startsWith("kms:")) problems.push(`${where}: "${a}" is not a KMS action`);
    }
  });
  invalidArguments("EncryptionKey", name, problems);
}

export class EncryptionKey extends pulumi.ComponentResource {
  /** ARN of the key (what encrypting resources and grants name). */
  public readonly keyArn: pulumi.Output<string>;
  /** Id of the key. */
  public readonly keyId: pulumi.Output<string>;
  /** The key's alias (`alias/<project>/<stack>/<component>`). */
  public readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:security:EncryptionKey", name, {}, opts);
    const { protect, account } = componentScope(this, name, { tags: {}, protect: args.protect });
    const { accountRoot } = account;

    // In a key policy `Resource: "*"` means "this key" (KMS docs, "Key policies": the resource of
    // a key policy statement is always the key the policy is attached to).
    // Rendered through `policyDocument`, which keeps the statements' inputs as dependencies: at
    // preview an invoke with unknown arguments returns its result without them.
    const policy = policyDocument(
      [
        {
          // KMS API, CreateKey/PutKeyPolicy: unless BypassPolicyLockoutSafetyCheck is true,
          // "the key policy must allow the calling principal to make a subsequent
          // PutKeyPolicy request on the KMS key". The account principal holds kms:PutKeyPolicy
          // here, so any IAM principal of the account whose IAM policy allows
          // kms:PutKeyPolicy (the deployer) passes the check (KMS docs, "Default key policy":
          // the account principal "allows the account to use IAM policies to delegate the
          // permissions specified in the policy statement").
          sid: KEY_ADMIN_SID,
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [accountRoot] }],
          actions: [...KEY_ADMIN_ACTIONS],
          resources: ["*"],
        },
        ...args.grants.map((g): PolicyStatement => ({
          sid: g.sid,
          effect: "Allow",
          principals: [{ type: g.principals.type, identifiers: g.principals.identifiers }],
          actions: g.actions,
          resources: ["*"],
          conditions: g.conditions?.map((c) => ({
            test: c.test as ConditionOperator,
            variable: c.variable,
            values: c.values,
          })),
        })),
      ],
      { parent: this },
    );

    const resourceOpts: pulumi.CustomResourceOptions = protect
      ? { parent: this, protect: true, retainOnDelete: true }
      : { parent: this };

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: args.description,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        multiRegion: false,
        isEnabled: true,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        policy,
        bypassPolicyLockoutSafetyCheck: false,
        tags: { ...args.tags, Name: name },
      },
      resourceOpts,
    );

    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: args.aliasName ?? `alias/${name}`, targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}

/** Options of {@link cloudWatchLogsGrant}. */
export interface CloudWatchLogsGrantOptions {
  /** Statement id. Defaults to "CloudWatchLogsUse". */
  readonly sid?: string;
  /** Region of the log groups (the service principal is regional). Defaults to the provider's. */
  readonly region?: pulumi.Input<string>;
  /** Resource whose provider the region and partition look-ups use (e.g. the calling component). */
  readonly parent?: pulumi.Resource;
}

/**
 * The grant CloudWatch Logs needs to encrypt the log groups matching `logGroupArnPattern`
 * (e.g. `arn:aws:logs:eu-west-1:123456789012:log-group:/platform/staging/*`).
 *
 * CloudWatch Logs docs, "Encrypt log data in CloudWatch Logs using AWS KMS", step 2: the key
 * policy allows the regional service principal `logs.<region>.amazonaws.com` the actions
 * kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*, with the
 * condition `ArnLike` on `kms:EncryptionContext:aws:logs:arn` (CloudWatch Logs puts the log group
 * ARN in the encryption context), which limits the key to those log groups in this account.
 * The wildcards are spelled out as the actions they match for a symmetric key, without
 * kms:DescribeKey: a DescribeKey request carries no encryption context (the Service Authorization
 * Reference lists no kms:EncryptionContext key for it), so under that condition it was never
 * allowed, and CloudWatch Logs encrypts without it. AWS's managed policy CloudWatchLogsAPIKeyAccess
 * grants DescribeKey in a statement of its own, with no encryption-context condition
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchLogsAPIKeyAccess.html;
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
export function cloudWatchLogsGrant(
  logGroupArnPattern: pulumi.Input<string>,
  options: CloudWatchLogsGrantOptions = {},
): KeyGrant {
  const invokeOpts = options.parent ? { parent: options.parent } : undefined;
  const region = options.region ?? aws.getRegionOutput({}, invokeOpts).region;
  const dnsSuffix = aws.getPartitionOutput({}, invokeOpts).dnsSuffix;
  return {
    sid: options.sid ?? "CloudWatchLogsUse",
    principals: { type: "Service", identifiers: [pulumi.interpolate`logs.${region}.${dnsSuffix}`] },
    actions: [...SERVICE_KEY_CRYPTO_ACTIONS],
    conditions: [
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [logGroupArnPattern],
      },
    ],
  };
}

/** Where a service-use grant pair applies. */
export interface ServiceKeyGrantsOptions {
  /** Statement ids of the use statement and of the kms:CreateGrant statement. */
  readonly sids: { readonly use: string; readonly grants: string };
  /** The account principal, `arn:<partition>:iam::<account>:root`. */
  readonly accountRoot: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** kms:ViaService values, e.g. `rds.<region>.amazonaws.com`. */
  readonly services: pulumi.Input<string>[];
  /** Cryptographic actions of the use statement. */
  readonly actions: string[];
}

/**
 * The pair of grants a service that encrypts on the caller's behalf needs (EBS, RDS, Redshift,
 * AWS Backup: each uses the key as the principal that creates the resource, through grants it
 * creates): the account principal (IAM then decides who deploys) may use the key only through
 * those services (kms:ViaService) from this account (kms:CallerAccount), and create grants only
 * for AWS resources (kms:GrantIsForAWSResource).
 */
export function serviceKeyGrants(o: ServiceKeyGrantsOptions): KeyGrant[] {
  const through = [
    { test: "StringEquals", variable: "kms:ViaService", values: o.services },
    { test: "StringEquals", variable: "kms:CallerAccount", values: [o.accountId] },
  ];
  return [
    {
      sid: o.sids.use,
      principals: { type: "AWS", identifiers: [o.accountRoot] },
      actions: o.actions,
      conditions: through,
    },
    {
      sid: o.sids.grants,
      principals: { type: "AWS", identifiers: [o.accountRoot] },
      actions: ["kms:CreateGrant"],
      conditions: [
        ...through,
        { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
      ],
    },
  ];
}

/**
 * Every cryptographic use of a symmetric key a service makes for its caller (EBS, RDS, Redshift,
 * CloudWatch Logs), but plaintext data keys for others.
 */
const SERVICE_KEY_CRYPTO_ACTIONS: readonly string[] = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
];

/** The actions a service that encrypts for its caller uses on a key: the above and DescribeKey. */
export const SERVICE_KEY_ACTIONS: readonly string[] = [
  ...SERVICE_KEY_CRYPTO_ACTIONS,
  "kms:DescribeKey",
];

/**
 * A component's own key `${name}-key`: aliased per project, stack and component
 * (`keyAliasName`), protected with the component, tagged `<name>-key`, a child of it.
 */
export function componentKey(
  scope: {
    readonly parent: { readonly parent: pulumi.Resource };
    readonly protect: boolean;
    readonly tags: TagsOf;
  },
  name: string,
  description: string,
  grants: readonly KeyGrant[],
): EncryptionKey {
  return new EncryptionKey(
    `${name}-key`,
    {
      description,
      grants,
      aliasName: keyAliasName(name),
      protect: scope.protect,
      tags: scope.tags("key"),
    },
    scope.parent,
  );
}
