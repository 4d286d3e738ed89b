// The AWS account a provider runs in, when its settings say which. The same settings pin the
// stack's default provider (stack config `aws:allowedAccountIds`, `aws:assumeRoles`) and an
// explicit `new aws.Provider(...)` (its `allowedAccountIds` and `assumeRoles` inputs, which the
// SDK sends as JSON strings: @pulumi/aws provider.js `apply(JSON.stringify)`).

/**
 * The account a provider with these settings runs in, or undefined when they do not say.
 * - `allowedAccountIds` naming one account: the provider refuses any other ("List of allowed AWS
 *   account IDs to prevent you from mistakenly using an incorrect one", pulumi-aws config;
 *   terraform-provider-aws stops with "AWS account ID not allowed").
 * - else `assumeRoles` (or 6.x's `assumeRole`): the provider assumes each role in turn and works
 *   with the last one's credentials, so it runs in that role's account, when the allowed accounts
 *   (several, or none listed) include it.
 * A real run's `getCallerIdentity` and ARNs name that account, so a policy that names it is not
 * granting another account.
 *
 * @param setting a setting's raw value by its provider key (`allowedAccountIds`, ...): a JSON
 *   string, as both stack config and the SDK hold it.
 */
export function pinnedAccount(setting: (key: string) => string | undefined): string | undefined {
  const listed = json(setting("allowedAccountIds"));
  const allowed = Array.isArray(listed) ? listed.map(String) : undefined;
  if (allowed?.length === 1) return /^\d{12}$/.test(allowed[0]) ? allowed[0] : undefined;
  const chain = json(setting("assumeRoles")) ?? json(setting("assumeRole"));
  const last: unknown = Array.isArray(chain) ? chain[chain.length - 1] : chain;
  const roleArn = (last as { roleArn?: unknown } | undefined)?.roleArn;
  const m = typeof roleArn === "string" ? /^arn:[\w-]+:iam::(\d{12}):role\//.exec(roleArn) : null;
  return m && (allowed === undefined || allowed.includes(m[1])) ? m[1] : undefined;
}

/** A setting that holds JSON (lists and objects), parsed; undefined when absent or not JSON. */
function json(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
