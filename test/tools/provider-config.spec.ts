// Stack config the AWS provider refuses when the engine starts the default provider
// (tools/check/provider-config.ts): @pulumi/aws 7's provider takes `aws:assumeRoles`, a list.
import { expect } from "chai";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import {
  checkProviderConfig,
  providerConfigRefusal,
  stackRegionRefusal,
} from "../../tools/check/provider-config";
import { UsageError } from "../../tools/lib/cli";
import { SECRET_PLACEHOLDER } from "../../tools/check/secret-placeholders";

const STACK = {
  file: "/srv/app/Pulumi.dev.yaml",
  lines: { "aws:assumeRole": 4, "aws:assumeRoles": 5, "aws:regon": 6 },
};

/** A provider as the engine records it; the default one is named `default_<version>`. */
function provider(name: string, inputs: Record<string, unknown>): EngineResource {
  return {
    type: "pulumi:providers:aws",
    name,
    urn: `urn:pulumi:dev::app::pulumi:providers:aws::${name}`,
    inputs,
  } as unknown as EngineResource;
}

const ROLE = JSON.stringify({ roleArn: "arn:aws:iam::123456789012:role/deployer" });

describe("provider config the AWS provider refuses (provider-config.ts)", () => {
  it("refuses 6.x's aws:assumeRole on a default provider of 7.x, at its stack file line", () => {
    const p = provider("default_7_48_0", {
      region: "eu-west-1",
      assumeRole: ROLE,
      version: "7.48.0",
    });
    const refusal = providerConfigRefusal([p], STACK);
    expect(refusal).to.match(
      /^\/srv\/app\/Pulumi\.dev\.yaml:4: invalid config key 'aws:assumeRole', should be 'aws:assumeRoles'; pulumi preview would stop/,
    );
    expect(refusal).to.contain("`aws:assumeRoles:`");
    expect(() => checkProviderConfig([p], STACK)).to.throw(UsageError);
  });

  it("refuses aws:assumeRoles written as one object instead of a list", () => {
    const p = provider("default_7_0_0", { assumeRoles: ROLE, version: "7.0.0" });
    expect(providerConfigRefusal([p], STACK)).to.match(
      /Pulumi\.dev\.yaml:5: expected aws:assumeRoles to be an array, got object/,
    );
  });

  it("leaves a secret aws:assumeRoles alone: the CLI would decrypt the list, the check cannot", () => {
    const secret = provider("default_7_48_0", {
      assumeRoles: SECRET_PLACEHOLDER,
      version: "7.48.0",
    });
    expect(providerConfigRefusal([secret], STACK)).to.equal(undefined);
    const plain = provider("default_7_48_0", { assumeRoles: "deployer", version: "7.48.0" });
    expect(providerConfigRefusal([plain], STACK)).to.match(/to be an array, got string/);
  });

  it("takes what the provider takes: 6.x's key on 6.x, a list on 7.x, explicit providers", () => {
    const v6 = provider("default_6_83_4", { assumeRole: ROLE, version: "6.83.4" });
    const list = provider("default_7_48_0", { assumeRoles: `[${ROLE}]`, version: "7.48.0" });
    // An explicit provider's arguments are the SDK's declared ones; it never carries the old key.
    const named = provider("privileged", { assumeRole: ROLE, version: "7.48.0" });
    expect(providerConfigRefusal([v6, list, named], STACK)).to.equal(undefined);
    expect(() => checkProviderConfig([v6, list], STACK)).not.to.throw();
  });

  it("refuses an aws: key the provider does not declare, at its line, with the nearest key", () => {
    const typo = provider("default_7_48_0", {
      region: "eu-west-1",
      regon: "eu-west-1",
      version: "7.48.0",
    });
    expect(providerConfigRefusal([typo], STACK)).to.match(
      /^\/srv\/app\/Pulumi\.dev\.yaml:6: `aws:regon` is not a valid configuration key for the aws provider; did you mean 'aws:region'\? pulumi preview would stop/,
    );
    const far = provider("default_7_48_0", { teamName: "data", version: "7.48.0" });
    expect(providerConfigRefusal([far], STACK)).to.match(
      /`aws:teamName` is not a valid configuration key for the aws provider\. pulumi preview would stop.*choose a namespace other than `aws:`$/,
    );
    // Every declared key passes, and so do the engine's own inputs; an explicit provider is the
    // SDK's, and a default provider of another major is not judged against this SDK's keys.
    const full = provider("default_7_48_0", {
      region: "eu-west-1",
      allowedAccountIds: '["123456789012"]',
      defaultTags: '{"tags":{"a":"b"}}',
      skipMetadataApiCheck: "true",
      version: "7.48.0",
      pluginDownloadURL: "https://example.com",
    });
    const named = provider("privileged", { regon: "eu-west-1", version: "7.48.0" });
    const v6 = provider("default_6_83_4", { regon: "eu-west-1", version: "6.83.4" });
    // A newer 7.x than the installed one may declare keys the installed one lacks: not judged.
    const newer = provider("default_7_99_0", { someNewKey: "x", version: "7.99.0" });
    expect(providerConfigRefusal([full, named, v6, newer], STACK)).to.equal(undefined);
    const older = provider("default_7_23_0", { someNewKey: "x", version: "7.23.0" });
    expect(providerConfigRefusal([older], STACK)).to.match(/`aws:someNewKey` is not a valid/);
  });

  it("refuses a stack's unknown or secret aws:region, naming where the value came from", () => {
    const file = { file: "/srv/app/Pulumi.dev.yaml", lines: { "aws:region": 3 }, placeholders: {} };
    const typo = { ...file, values: { "aws:region": "eu-wset-1" } };
    expect(stackRegionRefusal(typo, "/srv/app/Pulumi.yaml")).to.match(
      /^\/srv\/app\/Pulumi\.dev\.yaml:3: aws:region "eu-wset-1" is not an AWS region; did you mean eu-west-1/,
    );
    // A deployment tool's placeholder left in the file (Octopus Deploy's #{...}): said so, with
    // the flag to give the region, not the nearest region names.
    const octopus = { ...file, values: { "aws:region": "#{AWS.region}" } };
    const told = stackRegionRefusal(octopus, "/srv/app/Pulumi.yaml") ?? "";
    expect(told).to.match(
      /^\/srv\/app\/Pulumi\.dev\.yaml:3: aws:region "#\{AWS\.region\}" is an Octopus Deploy variable reference \(#\{\.\.\.\}\) that was never substituted/,
    );
    expect(told).to.contain("--config aws:region=<region>");
    expect(told).to.not.contain("did you mean");
    for (const [value, what] of [
      ["${{ vars.AWS_REGION }}", "a GitHub Actions expression"],
      ["{{ .Values.region }}", "a template expression"],
      ["${AWS_REGION}", "a shell or envsubst variable"],
    ]) {
      expect(
        stackRegionRefusal({ ...file, values: { "aws:region": value } }, "/x"),
        value,
      ).to.contain(`aws:region "${value}" is ${what}`);
    }
    for (const [value, what] of [
      ["#{AWS_REGION}#", "a Replace Tokens token (#{...}#"],
      ["__AwsRegion__", "a Tokenizer token (__NAME__)"],
      ["$(AWS.Region)", "an Azure Pipelines macro variable ($(NAME))"],
      ["${var.region}", "a Terraform variable interpolation (${var.NAME})"],
      ["${AWS_REGION:-eu-west-1}", "a shell or envsubst variable"],
      ["{{resolve:ssm:/platform/region}}", "a CloudFormation dynamic reference"],
    ]) {
      const told = stackRegionRefusal({ ...file, values: { "aws:region": value } }, "/x") ?? "";
      expect(told, value).to.contain(`aws:region "${value}" is ${what}`);
      if (value.includes(".")) expect(told, value).to.not.contain("shell");
    }
    // Not placeholders: an IAM policy variable, a CloudFormation pseudo parameter, a template
    // inside a longer value. They get the usual "not an AWS region" answer.
    for (const value of ["${aws:username}", "${AWS::Region}", "{{ .Env }}-west-1", "eu-{{x}}"]) {
      const told = stackRegionRefusal({ ...file, values: { "aws:region": value } }, "/x") ?? "";
      expect(told, value).to.contain(`aws:region "${value}" is not an AWS region`);
      expect(told, value).to.not.contain("never substituted");
    }
    // A placeholder given with --config: the file is not the template.
    const viaFlag =
      stackRegionRefusal(
        { ...file, values: { "aws:region": "${AWS_REGION}" } },
        "/srv/app/Pulumi.yaml",
        { "aws:region": "${AWS_REGION}" },
      ) ?? "";
    expect(viaFlag).to.match(
      /^--config aws:region: aws:region "\$\{AWS_REGION\}" is a shell or envsubst variable/,
    );
    expect(viaFlag).to.contain("the value given with --config reached the check as it is");
    expect(viaFlag).to.not.contain("stack file");
    // From the project file (no stack file): that file is named.
    expect(
      stackRegionRefusal(
        { lines: {}, placeholders: {}, values: { "aws:region": "#{Region}" } },
        "/p/Pulumi.yaml",
      ),
    ).to.contain("the project file is a template");
    // Given for this run: the flag is the place to fix, not the stack file.
    expect(
      stackRegionRefusal(typo, "/srv/app/Pulumi.yaml", { "aws:region": "eu-wset-1" }),
    ).to.match(/^--config aws:region: aws:region "eu-wset-1" is not an AWS region/);
    expect(stackRegionRefusal({ ...typo, values: { "aws:region": "eu-west-1" } }, "/x")).to.equal(
      undefined,
    );
    // No stack file: the project's file; no region at all: nothing to refuse here.
    expect(
      stackRegionRefusal(
        { lines: {}, placeholders: {}, values: { "aws:region": "mars" } },
        "/p/Pulumi.yaml",
      ),
    ).to.match(/^\/p\/Pulumi\.yaml: aws:region "mars" is not an AWS region/);
    expect(stackRegionRefusal({ ...file, values: {} }, "/x")).to.equal(undefined);
    const secret = { ...file, values: { "aws:region": "x" }, placeholders: { "aws:region": "x" } };
    expect(stackRegionRefusal(secret, "/x")).to.match(
      /^\/srv\/app\/Pulumi\.dev\.yaml:3: aws:region is a secret \(secure:\)/,
    );
  });
});
