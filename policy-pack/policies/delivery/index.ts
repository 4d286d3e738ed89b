// Delivery pipeline guardrails: CodeBuild projects and source credentials (./codebuild.ts),
// CodePipeline pipelines (./codepipeline.ts) and CodeCommit repositories (./codecommit.ts).
// Encryption of build and pipeline artifacts with customer-managed keys is the KMS policies' rule.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  codebuildBuildTimeout,
  codebuildLogging,
  codebuildNoPlaintextCredentials,
  codebuildNotPublic,
  codebuildPrivilegedMode,
  codebuildSourceCredentialUsesConnection,
  codebuildSourceNoCredentialsInUrl,
} from "./codebuild";
import { codepipelineApprovalBeforeProduction, codepipelineTypeV2 } from "./codepipeline";
import { codecommitApprovalRule } from "./codecommit";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  codebuildPrivilegedMode,
  codebuildNoPlaintextCredentials,
  codebuildLogging,
  codebuildSourceNoCredentialsInUrl,
  codebuildSourceCredentialUsesConnection,
  codebuildNotPublic,
  codebuildBuildTimeout,
  codepipelineTypeV2,
  codepipelineApprovalBeforeProduction,
  codecommitApprovalRule,
];
