// iam-no-privilege-escalation on iam:PassRole narrowed by `iam:PassedToService`: a PassRole path
// needs PassRole to its own service (policy-pack/lib/iam/passed-to-service.ts), read as IAM
// evaluates the key: string operators, case-sensitive except StringEqualsIgnoreCase, ForAnyValue
// as the plain operator; negated and IfExists clauses narrow nothing.
import { expect } from "chai";
import { noPrivilegeEscalation } from "../../../policy-pack/policies/iam/escalation";
import { ESCALATION_PATHS } from "../../../policy-pack/lib/iam/catalog";
import { PASSROLE_PATH_SERVICES } from "../../../policy-pack/lib/iam/passed-to-service";
import { compliantPolicy, findingsOf, run, Stmt, UNKNOWN } from "../fixtures/iam";

const allow = (Action: string | string[], Resource: string | string[] = "*"): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

/** iam:PassRole on every role under one PassedToService clause. */
const passTo = (operator: string, service: string | string[], Resource = "*"): Stmt => ({
  ...allow("iam:PassRole", Resource),
  Condition: { [operator]: { "iam:PassedToService": service } },
});

const LAMBDA = allow(["lambda:CreateFunction", "lambda:InvokeFunction"]);
const LAMBDA_PATH = "PassRoleToNewLambdaThenInvoke";

/** The findings of one document with the given statements. */
const judge = async (...statements: Stmt[]) =>
  (await findingsOf(noPrivilegeEscalation, [compliantPolicy(statements)])).join("\n");

describe("iam-no-privilege-escalation: iam:PassRole narrowed to services", () => {
  it("PassRole to ECS tasks opens no Lambda path, only the ECS one", async () => {
    expect(await judge(passTo("StringEquals", "ecs-tasks.amazonaws.com"), LAMBDA)).to.equal("");
    const ecs = await judge(
      passTo("StringEquals", "ecs-tasks.amazonaws.com"),
      allow(["ecs:RunTask", "lambda:CreateFunction", "lambda:InvokeFunction"]),
    );
    expect(ecs).to.contain("PassRoleToEcsTask (").and.not.contain(LAMBDA_PATH);
  });

  it("PassRole to the path's own service, among others, opens it", async () => {
    for (const [operator, value] of [
      ["StringEquals", "lambda.amazonaws.com"],
      ["StringEquals", ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]],
      ["ForAnyValue:StringEquals", "lambda.amazonaws.com"],
      ["StringLike", "lambda.*"],
      ["StringLike", "*"],
      ["StringEqualsIgnoreCase", "Lambda.amazonaws.com"],
      // The regional and China forms name the same service, under StringLike too.
      ["StringEquals", "lambda.eu-south-1.amazonaws.com"],
      ["StringEquals", "lambda.amazonaws.com.cn"],
      ["StringLike", "lambda.amazonaws.com.cn"],
      ["StringLike", "lambda.eu-south-1.amazonaws.com"],
      ["StringLike", "lambda.*.amazonaws.com"],
      ["StringLike", "*.amazonaws.com.cn"],
    ] as const) {
      expect(
        await judge(passTo(operator, value as string), LAMBDA),
        `${operator} ${value}`,
      ).to.contain(LAMBDA_PATH);
    }
  });

  it("clauses that narrow nothing leave every path open", async () => {
    for (const operator of [
      "StringNotEquals",
      "StringEqualsIfExists",
      "ForAllValues:StringEquals",
    ]) {
      expect(await judge(passTo(operator, "ecs-tasks.amazonaws.com"), LAMBDA), operator).to.contain(
        LAMBDA_PATH,
      );
    }
  });

  it("a value in another case than the service principal matches no request under StringEquals", async () => {
    expect(await judge(passTo("StringEquals", "Lambda.amazonaws.com"), LAMBDA)).to.equal("");
    expect(await judge(passTo("StringLike", "Lambda.*"), LAMBDA)).to.equal("");
  });

  it("judges each PassRole statement on its own: a named role beside PassRole to ECS tasks", async () => {
    const named = allow("iam:PassRole", "arn:aws:iam::123456789012:role/app");
    expect(await judge(named, passTo("StringEquals", "ecs-tasks.amazonaws.com"), LAMBDA)).to.equal(
      "",
    );
    expect(await judge(named, allow("iam:PassRole"), LAMBDA)).to.contain(LAMBDA_PATH);
  });

  it("reports a task run with a passed role once, with or without a new task definition", async () => {
    const found = await judge(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]));
    expect(found.match(/PassRole\w*EcsTask\w* \(/g)).to.deep.equal(["PassRoleToEcsTask ("]);
  });

  it("App Runner: PassRole to apprunner.amazonaws.com, as AWSAppRunnerFullAccess writes it", async () => {
    const create = allow("apprunner:CreateService");
    const path = "PassRoleToNewAppRunnerService";
    expect(await judge(passTo("StringLike", "apprunner.amazonaws.com"), create)).to.contain(path);
    // The names the instance and access roles trust are not what App Runner passes them to.
    for (const service of ["tasks.apprunner.amazonaws.com", "build.apprunner.amazonaws.com"]) {
      expect(await judge(passTo("StringEquals", service), create), service).to.equal("");
    }
  });

  it("Data Pipeline: PassRole to any service its default roles trust", async () => {
    const create = allow("datapipeline:CreatePipeline");
    for (const service of ["datapipeline.amazonaws.com", "ec2.amazonaws.com"]) {
      expect(await judge(passTo("StringEquals", service), create), service).to.contain(
        "PassRoleToNewDataPipeline",
      );
    }
    expect(await judge(passTo("StringEquals", "lambda.amazonaws.com"), create)).to.equal("");
  });

  it("a service unknown at preview loses no path of the statement's other actions", async () => {
    const statement = {
      ...passTo("StringEquals", UNKNOWN),
      Action: ["iam:PassRole", "ssm:SendCommand", "codebuild:StartBuild"],
    };
    const { findings, notes } = await run(noPrivilegeEscalation, [compliantPolicy([statement])]);
    expect(findings.join("\n"))
      .to.contain("SsmSendCommandToInstance")
      .and.contain("StartBuildOfExistingCodeBuildProject");
    expect(notes).to.have.length(1);
  });

  it("names the service of every PassRole path", () => {
    const passRolePaths = Object.entries(ESCALATION_PATHS)
      .filter(([, actions]) => actions[0] === "iam:PassRole")
      .map(([path]) => path);
    expect(passRolePaths.filter((p) => !PASSROLE_PATH_SERVICES[p])).to.deep.equal([]);
    expect(
      Object.keys(PASSROLE_PATH_SERVICES).filter((p) => !passRolePaths.includes(p)),
    ).to.deep.equal([]);
  });
});
