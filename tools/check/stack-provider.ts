// The stack's default AWS provider as `pulumi preview` would configure it: its region (with the
// note the check gives when none is set), whether a run starts it at all, and a pinned account.
import { pinnedAccount } from "../lib/engine/provider-settings";

/** The region the check answers for when the stack names none. */
const FALLBACK_REGION = "us-east-1";

/**
 * The region the AWS provider of the stack would use: `aws:region`, else the environment's
 * AWS_REGION, else AWS_DEFAULT_REGION, the order pulumi-aws reads them in before configuring
 * (pulumi/pulumi-aws#2088, preConfigureCallback). The program, which inherits the environment,
 * reads the same (`aws.config.region`). With none of them `pulumi preview` takes the region of the
 * AWS profile, which an offline run cannot read, or stops with "unable to find a configured AWS
 * Region": the check answers for us-east-1 and says so.
 */
export function providerRegion(
  config: Record<string, string>,
  env: NodeJS.ProcessEnv,
  environments: readonly string[] = [],
): { region: string; note?: string } {
  // An empty variable counts as unset, as the provider's defaults read it.
  const given = config["aws:region"] || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (given) return { region: given };
  const none =
    `no AWS region: neither aws:region nor AWS_REGION / AWS_DEFAULT_REGION is set, so data sources ` +
    `and made-up ARNs are answered for ${FALLBACK_REGION}; `;
  // An imported ESC environment is where such a stack usually gets it (`pulumiConfig: aws:region`
  // or `environmentVariables: AWS_REGION`, https://www.pulumi.com/docs/esc/integrations/infrastructure/pulumi-iac/),
  // and `pulumi preview` opens it; offline it cannot be opened.
  if (environments.length > 0)
    return {
      region: FALLBACK_REGION,
      note:
        none +
        `the stack imports Pulumi ESC environment${environments.length > 1 ? "s" : ""} ` +
        `${environments.map((e) => JSON.stringify(e)).join(", ")}, which likely sets it for ` +
        "`pulumi preview` and cannot be opened offline: give it for this run with " +
        "--config aws:region=<region>",
    };
  return {
    region: FALLBACK_REGION,
    note:
      none +
      "`pulumi preview` takes the region of the AWS profile, or stops without one: set it with " +
      "`pulumi config set aws:region <region>`",
  };
}

/**
 * Whether a run needs the stack's default AWS provider, the one the missing-region note speaks
 * of: the engine registered it (`default` or `default_<version>`: an AWS resource named no
 * provider of its own), an awsx component (whose children the awsx plugin creates with the
 * default provider unless given `providers`) or an AWS data source was used. A program of other
 * clouds, or one whose AWS resources all name a provider with its own region (a stack
 * transformation that sets `provider` on each), never starts it: the CLI asks it for no region.
 */
export function startsDefaultAwsProvider(run: {
  resources: readonly { type: string; name: string }[];
  invokes: ReadonlyMap<string, number>;
}): boolean {
  return (
    run.resources.some(
      (x) =>
        (x.type === "pulumi:providers:aws" && /^default(_\w+)?$/.test(x.name)) ||
        x.type.startsWith("awsx:"),
    ) || [...run.invokes.keys()].some((t) => t.startsWith("aws:"))
  );
}

/**
 * The account the stack's default provider runs in, when its config pins one (`aws:allowedAccountIds`
 * with one account, or the last role of `aws:assumeRoles`): see `pinnedAccount`.
 */
export function providerAccount(config: Record<string, string>): string | undefined {
  return pinnedAccount((key) => config[`aws:${key}`]);
}
