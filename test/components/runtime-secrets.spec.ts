// Runtime secrets: ECS fetches them from Secrets Manager before the task starts, so tasks without
// an internet route need the secretsmanager interface endpoint, and the execution role may read
// exactly those secrets and decrypt them only through Secrets Manager.
import { expect } from "chai";
import { RuntimeArgs, runtimeInterfaceEndpoints } from "../../components/runtime";
import { buildRuntime as build } from "../fixtures/runtime-stacks";
import { doc, findAll, findOne } from "../helpers";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-token-AbCdEf";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555";
const withSecrets: Partial<RuntimeArgs> = {
  secrets: [{ name: "API_TOKEN", secretArn: SECRET, jsonKey: "token" }],
  secretsKeyArn: KEY,
  interfaceEndpoints: runtimeInterfaceEndpoints([{ name: "API_TOKEN", secretArn: SECRET }]),
};

describe("Runtime: secrets from Secrets Manager", () => {
  it("needs the secretsmanager interface endpoint only with secrets", () => {
    expect(runtimeInterfaceEndpoints()).to.deep.equal(["ecr.api", "ecr.dkr", "logs"]);
    expect(runtimeInterfaceEndpoints(withSecrets.secrets)).to.deep.equal([
      "ecr.api",
      "ecr.dkr",
      "logs",
      "secretsmanager",
    ]);
  });

  it("refuses secrets when the VPC has no secretsmanager endpoint, registering nothing", async () => {
    for (const interfaceEndpoints of [undefined, ["ecr.api", "ecr.dkr", "logs"]]) {
      let err: Error | undefined;
      const rec = await build({ ...withSecrets, interfaceEndpoints }).catch((e: Error) => {
        err = e;
        return undefined;
      });
      expect(rec).to.equal(undefined);
      expect(err?.message).to.include(
        "secrets: the tasks have no internet route, so ECS fetches secrets through a secretsmanager interface endpoint",
      );
    }
  });

  it("injects the secret by reference and lets the execution role read it and decrypt it only through Secrets Manager", async () => {
    const rec = await build(withSecrets);
    const [task] = findAll(rec, "aws:ecs/taskDefinition:TaskDefinition");
    const [container] = JSON.parse(task.inputs.containerDefinitions);
    expect(container.secrets).to.deep.equal([
      { name: "API_TOKEN", valueFrom: `${SECRET}:token::` },
    ]);
    expect(JSON.stringify(container.environment)).to.not.include(SECRET);
    const role = findAll(rec, "aws:iam/rolePolicy:RolePolicy").find((p) =>
      JSON.stringify(doc(p.inputs.policy)).includes("ReadAppSecrets"),
    )!;
    const bySid = new Map(doc(role.inputs.policy).Statement.map((s: any) => [s.Sid, s]));
    expect((bySid.get("ReadAppSecrets") as any).Resource).to.equal(SECRET);
    const decrypt = bySid.get("DecryptAppSecretsThroughSecretsManager") as any;
    expect([decrypt.Action, decrypt.Resource]).to.deep.equal(["kms:Decrypt", KEY]);
    expect(decrypt.Condition.StringEquals).to.deep.equal({
      "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
      "kms:EncryptionContext:SecretARN": SECRET,
    });
    expect(findOne(rec, "platform:runtime:Runtime", "rt")).to.not.equal(undefined);
  });
});
