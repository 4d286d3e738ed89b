// Role trust policies: specific principals (mandatory: no `*`, no NotPrincipal, no whole foreign
// account without sts:ExternalId or MFA, OIDC pinned to a subject), and two advisories on service
// principals without confused-deputy conditions: where AWS documents that the service sends
// aws:SourceAccount/SourceArn, and where this pack has no record either way. The confused-deputy
// conditions are AWS's recommendation, not a hole anyone can walk through (only the service can
// assume the role, on behalf of some account), and none of Checkov, KICS or Trivy requires them:
// Checkov's own passing fixture for CKV_AWS_61 trusts ecs-tasks.amazonaws.com without them.
import { grantsAccess } from "../../lib/iam/statements";
import { narrowingClauses } from "../../lib/conditions";
import { resourcePolicy } from "../../lib/define";
import { accountIdListSchema, stringListSchema } from "../../lib/config-schema";
import { IamStatement, isAnyone, parsePolicyDocument } from "../../lib/policy-document";
import { hasWildcard, PrincipalRef } from "../../lib/policy-elements";
import {
  CONFUSED_DEPUTY_DOCUMENTED,
  CONFUSED_DEPUTY_NOT_APPLICABLE,
  servicePrincipalKey,
} from "../../lib/iam/catalog";

import { IAM_ROLE } from "../../lib/types";
import { NATIVE_IAM_ROLE } from "../../lib/native/types";
import { awsDocs, checkov, kics } from "../../lib/controls";

interface TrustConfig {
  trustedAccounts: string[];
}

const PRINCIPAL_NARROWING =
  /^aws:(PrincipalArn|PrincipalAccount|PrincipalOrgID|PrincipalOrgPaths|SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
const SOURCE_NARROWING = /^aws:(SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
const ROOT_PRINCIPAL = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/;
/** A whole-account principal AWS would reject (`arn:aws:iam::root`, no account): KICS flags it too. */
const MALFORMED_ROOT = /^arn:aws[a-z-]*:iam::[^:]*:?root$/;
/**
 * The GitHub OIDC subject claim key, with or without an enterprise/organisation issuer slug
 * (`token.actions.githubusercontent.com/<slug>:sub`), as Checkov's `gh_sub_condition` reads it.
 */
const GITHUB_SUB = /^token\.actions\.githubusercontent\.com(?:\/[a-zA-Z0-9_-]+)?:sub$/i;

/**
 * True when the statement only lets sessions authenticated with MFA through: `Bool`
 * aws:MultiFactorAuthPresent "true", or `NumericLessThan(Equals)` aws:MultiFactorAuthAge (the key
 * is absent without MFA, so the test fails). Not the `...IfExists` forms: they pass when the key is
 * absent, as it is for long-term access keys. The IAM User Guide's cross-account delegation
 * scenario protects a whole-account trust exactly this way:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
 */
function requiresMfa(s: IamStatement): boolean {
  return s.conditions.some((c) => {
    if (c.raw.length === 0) return false;
    const key = c.key.toLowerCase();
    if (key === "aws:multifactorauthpresent" && c.operator === "Bool") {
      return c.raw.every((v) => String(v).toLowerCase() === "true");
    }
    if (key === "aws:multifactorauthage" && /^NumericLessThan(Equals)?$/.test(c.operator)) {
      return c.raw.every((v) => String(v).trim() !== "" && Number.isFinite(Number(v)));
    }
    return false;
  });
}

/** The OIDC issuer host of a Federated principal, or undefined for SAML providers. */
function oidcHost(id: string): string | undefined {
  if (/:saml-provider\//.test(id)) return undefined;
  const m = /:oidc-provider\/(.+)$/.exec(id);
  return (m ? m[1] : id).toLowerCase();
}

function checkTrustStatement(
  s: IamStatement,
  config: TrustConfig,
  report: (m: string) => void,
): void {
  const out = { push: (m: string) => report(`assumeRolePolicy ${m}`) };
  if (!grantsAccess(s)) return;
  if (s.notPrincipals) {
    out.push(`${s.label}: Allow with NotPrincipal trusts everyone except those listed.`);
  }
  const actions = s.actions;
  if (actions) {
    // A trust policy's actions are the sts:AssumeRole* family; `*` or `sts:*` lets the trusted
    // principals do everything STS offers on the role (KICS iam_role_with_full_privileges).
    const broad = actions.known.filter((a) => a === "*" || /^sts:\*$/i.test(a));
    if (broad.length) {
      out.push(
        `${s.label}: Action ${broad.map((a) => `"${a}"`).join(", ")} in a trust policy; allow only the sts:AssumeRole* action the principal needs.`,
      );
    }
  }
  const principals = s.principals;
  if (!principals) return;
  const trusted = new Set(config.trustedAccounts);
  const narrows = (re: RegExp) => narrowingClauses(s, re).length > 0;
  for (const p of principals.known) {
    if (isAnyone(p)) {
      if (!narrows(PRINCIPAL_NARROWING)) {
        out.push(
          `${s.label}: Principal "*" without a condition on aws:PrincipalArn/PrincipalAccount/PrincipalOrgID: anyone can assume the role.`,
        );
      }
      continue;
    }
    if (p.type === "AWS") {
      const root = ROOT_PRINCIPAL.exec(p.id);
      if (root) {
        if (
          !trusted.has(root[1]) &&
          !narrows(/^sts:ExternalId$/i) &&
          !narrows(/^aws:PrincipalArn$/i) &&
          !requiresMfa(s)
        ) {
          out.push(
            `${s.label}: trusts every principal of account ${root[1]} without an sts:ExternalId, aws:PrincipalArn or MFA condition; name the role, or add the condition, or list the account in trustedAccounts.`,
          );
        }
      } else if (MALFORMED_ROOT.test(p.id)) {
        out.push(
          `${s.label}: AWS principal "${p.id}" trusts a whole account (and names none: AWS rejects it); name the roles that may assume this one.`,
        );
      } else if (hasWildcard(p.id)) {
        out.push(
          `${s.label}: AWS principal "${p.id}" is a wildcard; name specific roles or users.`,
        );
      }
      continue;
    }
    if (p.type === "Service" && hasWildcard(p.id)) {
      // A service principal names one service; "*" (or a pattern) would stand for all of them, the
      // way resource policies read it (isWildcardPrincipal).
      out.push(`${s.label}: service principal "${p.id}" is a wildcard; name the service.`);
      continue;
    }
    if (p.type === "Federated") {
      const host = oidcHost(p.id);
      if (!host) continue; // SAML: the trust is already limited to your own identity provider
      const github = host === "token.actions.githubusercontent.com";
      const keys = github
        ? ["sub"]
        : host === "cognito-identity.amazonaws.com"
          ? ["aud"]
          : ["sub", "aud"];
      const clauses = narrowingClauses(
        s,
        github ? GITHUB_SUB : keys.map((k) => `${host}:${k}`),
      ).filter(
        // GitHub: `repo:*` lets every repository on GitHub assume the role.
        (c) => !github || c.values.every((v) => /^repo:[^*?/]+\//.test(v)),
      );
      if (clauses.length === 0) {
        out.push(
          `${s.label}: federated principal ${host} without a condition on ${keys
            .map((k) => `${host}:${k}`)
            .join(
              " or ",
            )}${github ? " naming an owner (repo:<owner>/<repo>:...)" : ""}: any identity of that provider can assume the role.`,
        );
      }
      continue;
    }
  }
  if (principals.unknown) throw principals.unknown;
  if (actions?.unknown) throw actions.unknown;
}

export const trustSpecificPrincipals = resourcePolicy<TrustConfig>({
  name: "iam-trust-policy-specific-principals",
  description:
    "Role trust policies name specific principals and actions: no `*` principal without a narrowing condition, no NotPrincipal, no whole account without sts:ExternalId or MFA, OIDC trusts pinned to a subject, and no `*`/`sts:*` action.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Trust exact role ARNs. For a third party's account add `sts:ExternalId` (for people, require MFA: Bool aws:MultiFactorAuthPresent = true); for `*` add aws:PrincipalOrgID/PrincipalArn; for OIDC (GitHub) pin `<issuer>:sub` to `repo:<owner>/<repo>:...`. Accounts you own and trust as a whole go in this policy's `trustedAccounts` config.",
  references: [
    checkov("CKV_AWS_60"),
    checkov("CKV_AWS_61"),
    checkov("CKV_AWS_358"),
    checkov("CKV_AWS_393"),
    kics("iam_role_allows_all_principals_to_assume"),
    kics("iam_policy_grants_assumerole_permission_across_all_services"),
    kics("iam_role_with_full_privileges"),
    kics("cross_account_iam_assume_role_policy_without_external_id_or_mfa"),
  ],
  config: {
    trustedAccounts: accountIdListSchema(
      "Account ids whose root may be trusted without sts:ExternalId (your own accounts).",
    ),
  },
  types: [IAM_ROLE, NATIVE_IAM_ROLE],
  check: (props, ctx) => {
    const doc = parsePolicyDocument(props.assumeRolePolicy, "assumeRolePolicy");
    doc.forEach((s) => checkTrustStatement(s, ctx.config, ctx.report));
  },
});

/**
 * The `confusedDeputyServices` config of both confused-deputy rules: the service principals AWS
 * documents as sending aws:SourceAccount/aws:SourceArn. One schema, so the two lists keep the same
 * shape and default; `description` says what the list means to each rule.
 */
function confusedDeputyServicesSchema(description: string) {
  return stringListSchema(description, CONFUSED_DEPUTY_DOCUMENTED);
}

/**
 * Runs `visit` on each statement of the role's trust policy that grants access and names
 * principals, with the principals known now. Principals unknown until apply are thrown after
 * `visit` has judged the known ones, so they become a preview note rather than a silent pass.
 */
function eachTrustGrant(
  props: { assumeRolePolicy?: unknown },
  visit: (s: IamStatement, known: readonly PrincipalRef[]) => void,
): void {
  parsePolicyDocument(props.assumeRolePolicy, "assumeRolePolicy").forEach((s) => {
    if (!grantsAccess(s)) return;
    const principals = s.principals;
    if (!principals) return;
    visit(s, principals.known);
    if (principals.unknown) throw principals.unknown;
  });
}

export const trustConfusedDeputy = resourcePolicy<{ confusedDeputyServices: string[] }>({
  name: "iam-trust-policy-confused-deputy",
  description:
    "Service principals in role trust policies carry aws:SourceAccount/aws:SourceArn conditions where AWS documents that the service sends them (cross-service confused-deputy prevention).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "For ECS tasks, flow logs, EventBridge, Step Functions, CodeDeploy and the other services listed in this policy's `confusedDeputyServices` config, add `StringEquals aws:SourceAccount <account>` (and `ArnLike aws:SourceArn <the resources that assume the role>`) to the trust statement.",
  references: [awsDocs("IAM User Guide: The confused deputy problem")],
  config: {
    confusedDeputyServices: confusedDeputyServicesSchema(
      "Service principals that should carry aws:SourceAccount/SourceArn conditions (AWS documents that they send the keys).",
    ),
  },
  types: [IAM_ROLE, NATIVE_IAM_ROLE],
  check: (props, ctx) => {
    const documented = new Set(ctx.config.confusedDeputyServices.map(servicePrincipalKey));
    eachTrustGrant(props, (s, principals) => {
      const unpinned = narrowingClauses(s, SOURCE_NARROWING).length === 0;
      for (const p of principals) {
        if (p.type === "Service" && documented.has(servicePrincipalKey(p.id)) && unpinned) {
          ctx.report(
            `assumeRolePolicy ${s.label}: service principal ${p.id} without an aws:SourceAccount/aws:SourceArn condition (confused-deputy protection, documented for this service).`,
          );
        }
      }
    });
  },
});

export const trustConfusedDeputyUnverified = resourcePolicy<{ confusedDeputyServices: string[] }>({
  name: "iam-trust-policy-confused-deputy-unverified",
  description:
    "Service principals in role trust policies that this pack cannot confirm support aws:SourceArn/aws:SourceAccount: check the service's documentation and add the condition if it does.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Look up the service's 'cross-service confused deputy prevention' documentation. If it sends aws:SourceAccount/aws:SourceArn when assuming roles, add the condition and list the service in `iam-trust-policy-confused-deputy`'s `confusedDeputyServices` config; if it does not, waive this finding with that reason.",
  references: [awsDocs("IAM User Guide: The confused deputy problem")],
  config: {
    confusedDeputyServices: confusedDeputyServicesSchema(
      "Services already covered by iam-trust-policy-confused-deputy (keep the two in step).",
    ),
  },
  types: [IAM_ROLE, NATIVE_IAM_ROLE],
  check: (props, ctx) => {
    const known = new Set(
      [...ctx.config.confusedDeputyServices, ...CONFUSED_DEPUTY_NOT_APPLICABLE].map(
        servicePrincipalKey,
      ),
    );
    eachTrustGrant(props, (s, principals) => {
      const services = principals
        .filter((p) => p.type === "Service" && !known.has(servicePrincipalKey(p.id)))
        .map((p) => p.id);
      if (services.length > 0 && narrowingClauses(s, SOURCE_NARROWING).length === 0) {
        ctx.report(
          `assumeRolePolicy ${s.label}: service principal(s) ${services.join(", ")} without aws:SourceAccount/aws:SourceArn; whether the service supports them is not recorded in this pack.`,
        );
      }
    });
  },
});
