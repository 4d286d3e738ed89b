// Long-lived access keys for IAM users (advisory): workloads and people should get temporary
// credentials from roles (instance profiles, task roles, IAM Identity Center, OIDC federation).
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { IAM_ACCESS_KEY, IAM_USER } from "../../lib/types";
import { peek } from "../../lib/values";
import { fsbp, kics } from "../../lib/controls";
import { NATIVE_IAM_ACCESS_KEY, NATIVE_IAM_USER } from "../../lib/native/types";

export const iamUserAccessKeys = stackPolicy({
  name: "iam-user-access-keys",
  description:
    "The program creates no active access keys for IAM users: long-lived keys leak through " +
    "laptops, CI logs and Pulumi state; roles hand out temporary credentials instead.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove the aws.iam.AccessKey and let the workload assume a role (instance profile, task role, " +
    "OIDC federation for CI) or people sign in through IAM Identity Center. A key that must exist " +
    'for a third party gets a waiver saying why, status: "Inactive" when unused, and rotation.',
  references: [
    kics("IAM Access Key Is Exposed"),
    kics("Root Account Has Active Access Keys"),
    kics("IAM User Has Too Many Access Keys"),
    fsbp("IAM.3"),
  ],
  types: [IAM_ACCESS_KEY, IAM_USER, NATIVE_IAM_ACCESS_KEY, NATIVE_IAM_USER],
  appliesTo: [IAM_ACCESS_KEY, NATIVE_IAM_ACCESS_KEY],
  check: (ctx) => {
    // Active keys per user: a user of the stack by URN (property dependency), any other by name.
    const byUser = new Map<string, PolicyResource[]>();
    const active: { key: PolicyResource; user: string; label: string }[] = [];
    for (const key of ctx.index.ofType(IAM_ACCESS_KEY)) {
      ctx.each(key, () => {
        // IAM API, CreateAccessKey: a new key is Active; the provider's status defaults to Active.
        const status = key.props.status;
        if (String(status ?? "Active").toLowerCase() === "inactive") return;
        // The key is long-lived whoever holds it: a user name unknown at preview only loses the
        // grouping, never the finding.
        const users = ctx.index.referenced(key, "user", IAM_USER);
        const name = peek(() => key.props.user);
        const literal = name.known ? String(name.value) : undefined;
        const user = users.length ? users[0].urn : literal ? `name:${literal}` : `key:${key.urn}`;
        const label = users.length ? users[0].name : (literal ?? "(known after apply)");
        const list = byUser.get(user);
        if (list) list.push(key);
        else byUser.set(user, [key]);
        active.push({ key, user, label });
      });
    }
    for (const { key, user, label } of active) {
      const count = byUser.get(user)?.length ?? 1;
      ctx.report(
        key,
        `access key "${key.name}" gives IAM user "${label}" long-lived credentials` +
          (count > 1 ? ` (the user has ${count} active keys).` : "."),
      );
    }
  },
});
