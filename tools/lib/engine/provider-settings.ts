// What an AWS provider's settings change in the engine's answers: the region and the account a
// registration or invoke sent to that provider is answered for. The same settings pin the stack's
// default provider (stack config `aws:region`, `aws:allowedAccountIds`, `aws:assumeRoles`) and an
// explicit `new aws.Provider(...)` (its inputs; the SDK sends the list and object ones as JSON
// strings: @pulumi/aws provider.js `apply(JSON.stringify)`).
import type { EngineResource } from "./monitor";
import { plainValue, UNKNOWN } from "./wire";

type Resources = ReadonlyMap<string, EngineResource>;

/** The AWS provider resource a reference (`<urn>::<id>`) names, if it is one. */
export function awsProvider(
  resources: Resources,
  token: string,
  providerRef: string | undefined,
): EngineResource | undefined {
  if (!token.startsWith("aws:") || !providerRef) return undefined;
  const provider = resources.get(providerRef.slice(0, providerRef.lastIndexOf("::")));
  return provider?.type === "pulumi:providers:aws" ? provider : undefined;
}

/**
 * Whether a provider reference (`<urn>::<id>`) names a default provider, the one the engine
 * registers from the stack's config: Pulumi's `IsDefaultProvider` (sdk/go/common/resource/providers)
 * is a provider type whose name starts with "default" (`default`, `default_7_48_0`). A resource
 * sent with no reference goes to the default provider too.
 */
export function isDefaultProviderRef(providerRef: string | undefined): boolean {
  if (!providerRef) return true;
  const urn = providerRef.slice(0, providerRef.lastIndexOf("::"));
  const name = urn.slice(urn.lastIndexOf("::") + 2);
  return urn.includes("::pulumi:providers:") && name.startsWith("default");
}

/**
 * Arguments with the `region` of the explicit AWS provider they are sent to, when they name none:
 * in @pulumi/aws 7 a resource's or data source's region "defaults to the Region set in the provider
 * configuration" (the `region` input's documentation), so `getRegion({}, { provider })` or a
 * queue's ARN under a `us-west-2` provider answers for us-west-2, not for `aws:region`. The SDK
 * sends that provider's reference (`<urn>::<id>`) with every registration and invoke,
 * `opts.provider` or the parent's `providers` (@pulumi/pulumi runtime/invoke.js `getProvider`).
 */
export function withProviderRegion(
  resources: Resources,
  token: string,
  args: Record<string, any>,
  providerRef: string | undefined,
): Record<string, any> {
  if (typeof args.region === "string") return args;
  const provider = awsProvider(resources, token, providerRef);
  if (!provider) return args;
  const region = plainValue(provider.inputs).region;
  if (typeof region !== "string" || region === UNKNOWN || region === "") return args;
  return { ...args, region };
}

/**
 * The account of the AWS provider a registration or invoke is sent to, when that provider's
 * settings pin one (`pinnedAccount`): an explicit `new aws.Provider("logs", { allowedAccountIds:
 * [...] })` or `assumeRoles` into another account, or the default provider from the stack's
 * config. Undefined leaves the account the stack is answered for.
 */
export function providerAccount(
  resources: Resources,
  token: string,
  providerRef: string | undefined,
): string | undefined {
  const provider = awsProvider(resources, token, providerRef);
  if (!provider) return undefined;
  const settings = plainValue(provider.inputs);
  return pinnedAccount((key) => {
    const v: unknown = settings[key];
    return typeof v === "string" && v !== UNKNOWN ? v : undefined;
  });
}

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
