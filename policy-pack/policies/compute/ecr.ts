// ECR repositories (encryption with a customer-managed key is the KMS policies' rule): immutable
// tags, scanning on push, lifecycle policies, and repository/registry policies that are not public.
import { mutableTagsReason } from "../../lib/compute/repositories";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { eachWithReferrers } from "../../lib/references";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  ECRPUBLIC_REPOSITORY_POLICY,
  ECR_LIFECYCLE_POLICY,
  ECR_REGISTRY_POLICY,
  ECR_REGISTRY_SCANNING_CONFIGURATION,
  ECR_REPOSITORY,
  ECR_REPOSITORY_POLICY,
} from "../../lib/types";
import {
  NATIVE_ECR_REGISTRY_POLICY,
  NATIVE_ECR_REGISTRY_SCANNING_CONFIGURATION,
  NATIVE_ECR_REPOSITORY,
} from "../../lib/native/types";
import { asList, asString, present, flagOn } from "../../lib/values";
import { cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const ecrRepositoryTagImmutability = resourcePolicy({
  name: "ecr-repository-tag-immutability",
  description:
    "ECR repositories should make image tags immutable, so a deployed tag always means the same image (and a compromised " +
    "pipeline cannot silently replace it). Advisory: integrity of deployments.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `imageTagMutability: "IMMUTABLE"` and tag every build uniquely (commit SHA). IMMUTABLE_WITH_EXCLUSION may exempt named tags, never all.',
  references: [checkov("CKV_AWS_51"), trivy("AWS-0031"), fsbp("ECR.2")],
  types: [ECR_REPOSITORY, NATIVE_ECR_REPOSITORY],
  check: (props, ctx) => {
    const reason = mutableTagsReason(props);
    if (reason) ctx.report(reason);
  },
});

/** ECR repository filter semantics: without '*' a substring match, with '*' a wildcard match. */
function ecrFilterMatches(filter: string, repository: string): boolean {
  if (!filter.includes("*")) return repository.includes(filter);
  const re = filter
    .split("*")
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${re}$`).test(repository);
}

export const ecrRepositoryScanOnPush = stackPolicy({
  name: "ecr-repository-scan-on-push",
  description:
    "Images pushed to ECR should be scanned for vulnerabilities: by the repository's scanOnPush, or by a registry scanning " +
    "configuration whose rules cover the repository. Advisory: the pipeline's own scan may gate images too.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `imageScanningConfiguration: { scanOnPush: true }`, or manage an `aws.ecr.RegistryScanningConfiguration` (ENHANCED " +
    "recommended) with a SCAN_ON_PUSH or CONTINUOUS_SCAN rule whose filter matches the repository.",
  references: [checkov("CKV_AWS_163"), trivy("AWS-0030"), fsbp("ECR.1")],
  types: [
    ECR_REPOSITORY,
    ECR_REGISTRY_SCANNING_CONFIGURATION,
    NATIVE_ECR_REPOSITORY,
    NATIVE_ECR_REGISTRY_SCANNING_CONFIGURATION,
  ],
  appliesTo: [ECR_REPOSITORY, NATIVE_ECR_REPOSITORY],
  check: (ctx) => {
    // ECR docs (image scanning filters): once a registry scanning configuration exists, repositories
    // its rules do not match fall back to manual scans (basic) or no scanning (enhanced), so the
    // repository-level scanOnPush only counts when no registry configuration is managed here.
    const registryConfigs = ctx.index.ofType(ECR_REGISTRY_SCANNING_CONFIGURATION);
    const filters: string[] = [];
    // A configuration whose rules are unknown at preview yields its own preview note; the
    // repositories are then not judged against a partial rule set.
    let complete = true;
    for (const cfg of registryConfigs) {
      let read = false;
      ctx.each(cfg, () => {
        for (const rule of asList(cfg.props.rules)) {
          const freq = rule?.scanFrequency;
          if (freq !== "SCAN_ON_PUSH" && freq !== "CONTINUOUS_SCAN") continue;
          for (const f of asList(rule.repositoryFilters)) {
            if (typeof f?.filter === "string") filters.push(f.filter);
          }
        }
        read = true;
      });
      complete &&= read;
    }
    for (const repo of ctx.index.ofType(ECR_REPOSITORY)) {
      ctx.each(repo, () => {
        if (registryConfigs.length === 0) {
          if (!flagOn(repo.props.imageScanningConfiguration?.scanOnPush)) {
            ctx.report(
              repo,
              "Images are not scanned on push (imageScanningConfiguration.scanOnPush is not true).",
            );
          }
          return;
        }
        if (!complete || filters.some((f) => /^\*+$/.test(f))) return;
        const name = asString(repo.props.name);
        if (name === undefined || !filters.some((f) => ecrFilterMatches(f, name))) {
          ctx.report(
            repo,
            "The registry scanning configuration has no SCAN_ON_PUSH or CONTINUOUS_SCAN rule matching this repository, " +
              "so its images are not scanned automatically (the repository's own scanOnPush is overridden).",
          );
        }
      });
    }
  },
});

export const ecrRepositoryLifecyclePolicy = stackPolicy({
  name: "ecr-repository-lifecycle-policy",
  description:
    "Every ECR repository should have a lifecycle policy (aws.ecr.LifecyclePolicy) that expires old images. Advisory: " +
    "limits storage cost and the number of stale, unpatched images that can still be deployed.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an `aws.ecr.LifecyclePolicy` for the repository keeping the last N images (and expiring untagged ones after a few days).",
  references: [fsbp("ECR.3")],
  types: [ECR_REPOSITORY, ECR_LIFECYCLE_POLICY, NATIVE_ECR_REPOSITORY],
  appliesTo: [ECR_REPOSITORY, NATIVE_ECR_REPOSITORY],
  check: (ctx) => {
    // Policies built from the repository resource correlate by property dependency; a policy for a
    // repository given by literal name correlates by that name.
    const link = { type: ECR_LIFECYCLE_POLICY, prop: "repository", keys: ["name"] };
    eachWithReferrers(ctx, ECR_REPOSITORY, link, (repo, lifecycle) => {
      // An aws-native repository holds its policy inline (lifecyclePolicy.lifecyclePolicyText).
      if (present(repo.props.lifecyclePolicy, "lifecyclePolicyText")) return;
      if (lifecycle.length === 0) ctx.report(repo, "The repository has no lifecycle policy.");
    });
  },
});

export const ecrRepositoryPolicyNotPublic = resourcePolicy({
  name: "ecr-repository-policy-not-public",
  description:
    "ECR repository and registry policies (and ECR Public repository policies) must not make the " +
    "repository public: no Allow to a wildcard or other unfixed principal without a condition " +
    "that pins it to an account, organisation, source ARN or VPC endpoint, no NotPrincipal. " +
    "Mandatory: such a statement publishes images (code, embedded configuration) to every AWS " +
    "account, or lets anyone push to an ECR Public repository.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Name the account or role ARNs that need access in `Principal`, or add an `aws:PrincipalOrgID` / `aws:SourceAccount` condition.",
  references: [
    cdkNag("AwsSolutions-ECR1"),
    checkov("CKV_AWS_32"),
    kics("ECR Repository Is Publicly Accessible"),
    trivy("AWS-0032"),
  ],
  // An aws-native Repository carries its policy inline (repositoryPolicyText).
  types: [
    ECR_REPOSITORY_POLICY,
    ECR_REGISTRY_POLICY,
    ECRPUBLIC_REPOSITORY_POLICY,
    NATIVE_ECR_REPOSITORY,
    NATIVE_ECR_REGISTRY_POLICY,
  ],
  // "Public" as S3 defines it, for every resource policy of the pack (../../lib/public-policy.ts).
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});
