// A stack's `pulumi:autonaming` config (https://www.pulumi.com/docs/iac/concepts/resources/names/
// #autonaming-configuration) is resolved per AWS type, and names are made and refused as
// pulumi/pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go `ComputeAutoNameDefault` does: the
// default mode keeps the bridge's `<name>-<7 hex>` and its too-long refusal, whatever other keys
// the config has; a proposed name (verbatim, a pattern) past the type's maximum length is refused
// with "calculated name … exceeds maximum length of <n>", and otherwise judged by the provider's
// validators; an enforced one is judged by the validators only; `disabled` refuses an unnamed
// resource.
import { expect } from "chai";
import { checkProviderInputs, ProviderInputError } from "../../tools/check/provider-refusals";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { resourceState } from "../../tools/lib/fake-aws";
import { autonamingOf, expandPattern } from "../../tools/lib/fake-aws/autonaming";
import { handBuiltResource } from "../../tools/lib/engine/registration";

function resource(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

// 34 characters: with "-" and 7 hex digits, over a target group's 32.
const LONG = "orders-api-blue-green-target-group";
const TG = "aws:lb/targetGroup:TargetGroup";
/** What a target group of the default type `instance` needs besides its name (port, protocol, VPC). */
const TG_INPUTS = { port: 80, protocol: "HTTP", vpcId: "vpc-1" };
const DEFAULT_SAYS =
  `could not make instance of '${TG}': name '${LONG}-' plus 7 random chars is longer than ` +
  "maximum length 32";

/** [prop, value, autoNamed, says] of each refusal under the stack's autonaming config. */
function refused(
  config: unknown,
  resources: EngineResource[],
): [string, unknown, boolean, readonly string[]][] {
  const autonaming = autonamingOf(config === undefined ? undefined : JSON.stringify(config));
  try {
    checkProviderInputs("dev", [{ phase: "preview", resources }], { autonaming });
    return [];
  } catch (e) {
    expect(e).to.be.instanceOf(ProviderInputError);
    return (e as ProviderInputError).refusals.map((r) => [r.prop, r.value, r.autoNamed, r.says]);
  }
}

describe("a stack that configures Pulumi's autonaming", () => {
  const tg = () => resource(TG, LONG, TG_INPUTS);

  it("keeps the default auto-name and its refusal wherever the mode resolved for the type is default", () => {
    const defaultRefusal = [["name", LONG, true, [DEFAULT_SAYS]]];
    for (const config of [
      undefined,
      { mode: "default" },
      { providers: { gcp: { mode: "verbatim" } } },
      { providers: { aws: { resources: { "aws:sqs/queue:Queue": { mode: "verbatim" } } } } },
      { mode: "verbatim", providers: { aws: { mode: "default" } } },
    ]) {
      expect(refused(config, [tg()]), JSON.stringify(config)).to.deep.equal(defaultRefusal);
    }
    const [only] = refused(undefined, [tg()]);
    expect(only).to.have.length(4);
    // A name the program gives is judged under any config.
    const queue = resource("aws:batch/jobQueue:JobQueue", "q", { name: "jobs.high" });
    expect(refused({ mode: "verbatim" }, [queue]).map((r) => r[0])).to.deep.equal(["name"]);
  });

  it("verbatim proposes the logical name: past the type's maximum it is refused in the bridge's words", () => {
    const says = [`calculated name '${LONG}' exceeds maximum length of 32`];
    expect(refused({ mode: "verbatim" }, [tg()])).to.deep.equal([["name", LONG, true, says]]);
    // The narrowest level wins: the type's own entry over the aws provider's and the stack's.
    const nested = { mode: "default", providers: { aws: { resources: { [TG]: "verbatim" } } } };
    expect(refused(nested, [tg()])).to.deep.equal([["name", LONG, true, says]]);
    // Within the maximum, the logical name is judged by the type's own rules, as a given name is.
    const [underscore] = refused({ mode: "verbatim" }, [resource(TG, "web_tg", TG_INPUTS)]);
    expect(underscore.slice(0, 3)).to.deep.equal(["name", "web_tg", true]);
    expect(refused({ mode: "verbatim" }, [resource(TG, "web-tg", TG_INPUTS)])).to.deep.equal([]);
  });

  it("an enforced name is sent as is: only the type's rules judge it", () => {
    const [enforced] = refused({ mode: "verbatim", enforce: true }, [tg()]);
    expect(enforced.slice(0, 3)).to.deep.equal(["name", LONG, true]);
    expect(enforced[3].join("\n")).to.contain("cannot be longer than 32 characters");
  });

  it("a pattern is expanded and refused past the type's maximum length", () => {
    const [long] = refused({ pattern: "${name}-${hex(8)}" }, [tg()]);
    expect(long[3]).to.have.length(1);
    expect(long[3][0]).to.match(
      /^calculated name 'orders-api-blue-green-target-group-[0-9a-f]{8}' exceeds maximum length of 32$/,
    );
    expect(refused({ pattern: "${stack}-${hex(8)}" }, [tg()])).to.deep.equal([]);
    // A bucket's name is lower-cased before the length is measured (its auto-name transform).
    const bucket = resource("aws:s3/bucket:Bucket", "B".repeat(60), {});
    const [bucketRefusal] = refused({ pattern: "${name}-${num(3)}" }, [bucket]);
    expect(bucketRefusal[3][0]).to.match(
      new RegExp(`^calculated name '${"b".repeat(60)}-[0-9]{3}' exceeds maximum length of 63$`),
    );
  });

  const ctx = { project: "shop", stack: "prod", organization: "acme" };

  it("expands every documented pattern token", () => {
    const out = (p: string) => expandPattern(p, "api", "seed", ctx);
    expect(out("${name}-${project}-${stack}-${organization}")).to.equal("api-shop-prod-acme");
    expect(out("${hex(6)}")).to.match(/^[0-9a-f]{6}$/);
    expect(out("${alphanum(9)}")).to.match(/^[0-9a-z]{9}$/);
    expect(out("${string(5)}")).to.match(/^[a-z]{5}$/);
    expect(out("${num(4)}")).to.match(/^[0-9]{4}$/);
    expect(out("${uuid}")).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // The same seed proposes the same name in each phase; a local backend's organization.
    expect(out("${hex(6)}")).to.equal(out("${hex(6)}"));
    expect(expandPattern("${organization}", "n", "s", { project: "p", stack: "s" })).to.equal(
      "organization",
    );
  });

  it("disabled refuses a resource left unnamed, not one the program names", () => {
    const says = ["automatic naming is disabled but no explicit name was provided"];
    const [off] = refused({ mode: "disabled" }, [resource(TG, "web", TG_INPUTS)]);
    expect(off.slice(0, 4)).to.deep.equal(["name", undefined, true, says]);
    expect(
      refused({ mode: "disabled" }, [resource(TG, "web", { ...TG_INPUTS, name: "web-tg" })]),
    ).to.deep.equal([]);
  });

  it("the fake AWS names a resource as the stack's autonaming says", () => {
    const env = { accountId: "123456789012", region: "us-west-2", naming: ctx };
    const name = (autonaming?: object) =>
      resourceState(
        { type: TG, name: LONG, inputs: {} },
        { ...env, autonaming: autonamingOf(autonaming && JSON.stringify(autonaming)) },
        "apply",
      ).state.name;
    expect(() => name()).to.throw(/longer than maximum length 32/);
    expect(() => name({ mode: "default" })).to.throw(/longer than maximum length 32/);
    expect(() => name({ mode: "verbatim" })).to.throw(/exceeds maximum length of 32/);
    expect(() => name({ mode: "disabled" })).to.throw(/automatic naming is disabled/);
    expect(name({ mode: "verbatim", enforce: true })).to.equal(LONG);
    expect(name({ pattern: "${stack}-${hex(4)}" })).to.match(/^prod-[0-9a-f]{4}$/);
    expect(autonamingOf(undefined)).to.equal(undefined);
    expect(autonamingOf("not json")!(TG)).to.deep.equal({ mode: "unreadable" });
  });
});
