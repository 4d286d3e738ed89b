// Lambda functions keep no credentials in environment variables (advisory): the values are shown
// to anyone who can read the function's configuration and sit in Pulumi state. (Encryption of the
// variables with a customer-managed key is the KMS policies' rule.) And, advisory breadth: X-Ray
// tracing, a dead-letter queue or on-failure destination, a VPC, code signing and a supported
// runtime.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { lambdaFunctionName } from "../../lib/compute/lambda";
import {
  credentialInValue,
  plaintextSecretReason,
  SecretNameConfig,
  secretNameSchema,
  VALUES_JUDGED,
} from "../../lib/secrets";
import { LAMBDA_FUNCTION, LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG } from "../../lib/types";
import { NATIVE_LAMBDA_EVENT_INVOKE_CONFIG, NATIVE_LAMBDA_FUNCTION } from "../../lib/native/types";
import { get, holdsValue, peek, Unknowns } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

/**
 * Lambda variables often name DynamoDB and S3 keys (PARTITION_KEY, SORT_KEY, OBJECT_KEY), so a bare
 * "KEY" does not mark a credential here: only API, access, private and signing keys do.
 */
const lambdaSecretNames = {
  ...secretNameSchema,
  secretNamePattern: {
    ...secretNameSchema.secretNamePattern,
    default:
      "PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|SIGNING_?KEY",
  },
};

export const lambdaNoPlaintextCredentials = resourcePolicy<SecretNameConfig>({
  name: "lambda-function-no-plaintext-credentials",
  description:
    "Lambda environment variables hold no credentials: no AWS access keys, secret keys or private " +
    "keys, and no literal values under credential-like names. " +
    VALUES_JUDGED,
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Keep the secret in Secrets Manager or SSM Parameter Store (SecureString) and pass its ARN or " +
    "name (e.g. DB_SECRET_ARN); the function reads it at start with its role. AWS credentials come " +
    "from the execution role, never from variables.",
  references: [checkov("CKV_AWS_45"), kics("Hardcoded AWS Access Key In Lambda")],
  config: lambdaSecretNames,
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (props, ctx) => {
    const variables = props.environment?.variables;
    if (!variables || typeof variables !== "object") return;
    // Every variable is looked at; an unknown value under a credential-like name becomes a
    // preview note once the others are done.
    const unknowns = new Unknowns();
    for (const name of Object.keys(variables)) {
      unknowns.run(() => {
        const raw = get(variables, name);
        if (raw.known && typeof raw.value === "string") {
          const found = credentialInValue(raw.value);
          if (found) {
            ctx.report(`environment variable '${name}' holds ${found}.`);
            return;
          }
        }
        const variable = {
          name,
          get value() {
            return variables[name];
          },
        };
        const reason = plaintextSecretReason(variable, ctx.config);
        if (reason) ctx.report(`environment variable ${reason}.`);
      });
    }
    unknowns.rethrow();
  },
});

export const lambdaTracing = resourcePolicy({
  name: "lambda-function-tracing",
  description:
    'Lambda functions trace invocations with AWS X-Ray (tracingConfig.mode "Active"), so a ' +
    "request can be followed through the function and the services it calls.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `tracingConfig: { mode: "Active" }` and let the role write to X-Ray ' +
    "(AWSXRayDaemonWriteAccess).",
  references: [checkov("CKV_AWS_50"), trivy("AWS-0066")],
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (props, ctx) => {
    const mode = props.tracingConfig?.mode;
    if (mode !== "Active") {
      ctx.report(
        mode ? `tracingConfig.mode is "${mode}", not "Active".` : "No tracingConfig: X-Ray is off.",
      );
    }
  },
});

export const lambdaDeadLetterQueue = stackPolicy({
  name: "lambda-function-dead-letter-queue",
  description:
    "Lambda functions keep the events of asynchronous invocations that keep failing, rather than " +
    "dropping them: a dead-letter queue or topic (deadLetterConfig.targetArn), or an on-failure " +
    "destination (aws.lambda.FunctionEventInvokeConfig destinationConfig.onFailure), which AWS " +
    "offers in addition to or instead of a dead-letter queue and which records the error too " +
    "(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `deadLetterConfig: { targetArn: queue.arn }` (an encrypted SQS queue or SNS topic), or " +
    "add an aws.lambda.FunctionEventInvokeConfig for the function with " +
    "`destinationConfig: { onFailure: { destination: queue.arn } }`.",
  references: [checkov("CKV_AWS_116"), awsDocs("lambda/latest/dg/invocation-async-retain-records")],
  types: [
    LAMBDA_FUNCTION,
    LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG,
    NATIVE_LAMBDA_FUNCTION,
    NATIVE_LAMBDA_EVENT_INVOKE_CONFIG,
  ],
  appliesTo: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (ctx) => {
    const functions = ctx.index.ofType(LAMBDA_FUNCTION);
    if (functions.length === 0) return;
    // Functions with an on-failure destination: built from the function (property dependency),
    // or named by literal name or ARN. A config that cannot be read leaves its own preview note,
    // and no function is then reported for want of one.
    const covered = new Set<PolicyResource>();
    const coveredNames = new Set<string>();
    let complete = true;
    for (const config of ctx.index.ofType(LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG)) {
      let read = false;
      ctx.each(config, () => {
        if (holdsValue(() => config.props.destinationConfig?.onFailure?.destination)) {
          const built = ctx.index.referenced(config, "functionName", LAMBDA_FUNCTION);
          for (const f of built) covered.add(f);
          const ref = built.length === 0 ? config.props.functionName : undefined;
          if (typeof ref === "string") coveredNames.add(lambdaFunctionName(ref));
        }
        read = true;
      });
      complete &&= read;
    }
    for (const f of functions) {
      ctx.each(f, () => {
        if (holdsValue(() => f.props.deadLetterConfig?.targetArn)) return;
        if (covered.has(f)) return;
        if (coveredNames.size > 0 && coveredNames.has(f.props.name)) return;
        if (!complete) return;
        ctx.report(
          f,
          "No deadLetterConfig.targetArn and no on-failure destination: failed asynchronous " +
            "events are dropped.",
        );
      });
    }
  },
});

export const lambdaInVpc = resourcePolicy({
  name: "lambda-function-in-vpc",
  description:
    "Lambda functions run in subnets of the VPC (vpcConfig.subnetIds), so their traffic goes " +
    "through the VPC's security groups, routes and endpoints.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `vpcConfig: { subnetIds, securityGroupIds }` with the compute subnets and reach AWS " +
    "services through VPC endpoints.",
  references: [checkov("CKV_AWS_117"), fsbp("Lambda.3")],
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (props, ctx) => {
    // Only how many subnets there are matters: ids of subnets created with the stack are unknown
    // at preview, and the elements are never read.
    const subnets = peek(() => props.vpcConfig?.subnetIds);
    if (subnets.known && (!Array.isArray(subnets.value) || subnets.value.length === 0)) {
      ctx.report("No vpcConfig.subnetIds: the function runs outside the VPC.");
    }
  },
});

export const lambdaCodeSigning = resourcePolicy({
  name: "lambda-function-code-signing",
  description:
    "Lambda functions deployed from .zip archives enforce code signing (codeSigningConfigArn), " +
    "so only code signed by a trusted signing profile is deployed.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create an aws.lambda.CodeSigningConfig whose allowedPublishers name the signing profile of " +
    "the pipeline, and set `codeSigningConfigArn` on the function.",
  references: [checkov("CKV_AWS_272")],
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (props, ctx) => {
    // Lambda developer guide, "Configuring code signing": container image functions do not
    // support code signing (their images are verified through ECR instead).
    if (props.packageType === "Image") return;
    if (!holdsValue(() => props.codeSigningConfigArn)) {
      ctx.report("No codeSigningConfigArn: unsigned code can be deployed.");
    }
  },
});

interface RuntimeConfig {
  readonly deprecatedRuntimes: string[];
}

export const lambdaSupportedRuntime = resourcePolicy<RuntimeConfig>({
  name: "lambda-function-supported-runtime",
  description:
    "Lambda functions use a runtime AWS still supports: a deprecated runtime gets no security " +
    "patches, and Lambda later blocks creating and updating functions that use it.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Move the function to a supported runtime (python3.13, nodejs22.x, java21, dotnet8, " +
    "ruby3.4, provided.al2023...).",
  references: [
    checkov("CKV_AWS_363"),
    fsbp("Lambda.2"),
    awsDocs("lambda/latest/dg/lambda-runtimes (deprecated runtimes)"),
  ],
  config: {
    // Checkov CKV_AWS_363's list, with python3.9 (deprecated 2025-12-15) and nodejs18.x
    // (2025-09-01) from the Lambda runtimes page.
    deprecatedRuntimes: stringListSchema("Runtime identifiers Lambda has deprecated.", [
      "python2.7",
      "python3.6",
      "python3.7",
      "python3.8",
      "python3.9",
      "nodejs",
      "nodejs4.3",
      "nodejs4.3-edge",
      "nodejs6.10",
      "nodejs8.10",
      "nodejs10.x",
      "nodejs12.x",
      "nodejs14.x",
      "nodejs16.x",
      "nodejs18.x",
      "dotnetcore1.0",
      "dotnetcore2.0",
      "dotnetcore2.1",
      "dotnetcore3.1",
      "dotnet5.0",
      "dotnet6",
      "dotnet7",
      "java8",
      "go1.x",
      "provided",
      "ruby2.5",
      "ruby2.7",
    ]),
  },
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  check: (props, ctx) => {
    const runtime = props.runtime;
    if (typeof runtime === "string" && ctx.config.deprecatedRuntimes.includes(runtime)) {
      ctx.report(`runtime "${runtime}" is deprecated.`);
    }
  },
});
