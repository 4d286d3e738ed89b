// Resource policies an aws-native resource holds inline where its classic twin holds none: an ECR
// repository's repositoryPolicyText and an EFS file system's fileSystemPolicy (the classic provider
// keeps them in aws.ecr.RepositoryPolicy and aws.efs.FileSystemPolicy). The rules that judge every
// resource policy (resource-policy-lists-actions, resource-policy-anonymous-source-ip) judge them as
// they judge the classic policy resources: a compliant document passes, each break is one finding,
// and a document unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { NATIVE_INLINE_POLICY_INPUT } from "../../../policy-pack/lib/resource-policies";
import { TWINS } from "../../../policy-pack/lib/native/twins";
import { ECR_REPOSITORY, EFS_FILE_SYSTEM } from "../../../policy-pack/lib/types";
import { policyCatalog } from "../../../policy-pack/lib/define";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const LISTS_ACTIONS = "resource-policy-lists-actions";
const ANONYMOUS_IP = "resource-policy-anonymous-source-ip";
const ACCOUNT = { AWS: "arn:aws:iam::123456789012:root" };

/** A one-statement document: the statement's elements over an Allow with a Sid. */
const document = (statement: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Grant", Effect: "Allow", ...statement }],
});

interface InlineCase {
  readonly type: string;
  /** The native property that holds the document, and the rest of the compliant inputs. */
  readonly prop: string;
  readonly inputs: Record<string, unknown>;
  /** An action the policy may grant, and one it may withhold with NotAction. */
  readonly action: string;
  readonly resource: string;
}

const cases: InlineCase[] = [
  {
    type: n.NATIVE_ECR_REPOSITORY,
    prop: "repositoryPolicyText",
    inputs: { repositoryName: "app", imageTagMutability: "IMMUTABLE" },
    action: "ecr:BatchGetImage",
    resource: "*",
  },
  {
    type: n.NATIVE_EFS_FILE_SYSTEM,
    prop: "fileSystemPolicy",
    inputs: { encrypted: true },
    action: "elasticfilesystem:ClientMount",
    resource: "*",
  },
];

describe("aws-native inline resource policies (ECR repositories, EFS file systems)", () => {
  for (const c of cases) {
    const make = (doc: unknown, refs = {}) =>
      res(c.type, "p", { ...c.inputs, [c.prop]: doc }, { refs });
    const listed = document({ Principal: ACCOUNT, Action: c.action, Resource: c.resource });

    describe(`${c.type} ${c.prop} (${LISTS_ACTIONS})`, () => {
      it("a statement that lists its actions: passes", async () => {
        await expectClean(policy(LISTS_ACTIONS), [make(listed)]);
      });
      it('Action "*": reported', async () => {
        const doc = document({ Principal: ACCOUNT, Action: "*", Resource: c.resource });
        const found = await violationsOf(LISTS_ACTIONS, [make(doc)]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain(
          'statement Grant (*): Allow "*" grants every action of every service.',
        );
      });
      it("Allow with NotAction: reported", async () => {
        const doc = document({ Principal: ACCOUNT, NotAction: c.action, Resource: c.resource });
        const found = await violationsOf(LISTS_ACTIONS, [make(doc)]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain(`Allow with NotAction grants every action but ${c.action}`);
      });
      it("no policy: passes", async () => {
        await expectClean(policy(LISTS_ACTIONS), [res(c.type, "p", c.inputs)]);
      });
      it(`${c.prop} unknown at preview: a preview note`, async () => {
        const other = res(n.NATIVE_SQS_QUEUE, "other", {});
        const p = make(UNKNOWN, { [c.prop]: [other] });
        expect(await violationsOf(LISTS_ACTIONS, [other, p])).to.deep.equal([]);
        expect(await previewNotes(policy(LISTS_ACTIONS), [other, p])).to.have.length(1);
      });
    });

    describe(`${c.type} ${c.prop} (${ANONYMOUS_IP})`, () => {
      const office = (condition: Record<string, unknown>) =>
        document({ Principal: "*", Action: c.action, Resource: c.resource, Condition: condition });
      const address = { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } };
      it("a VPC endpoint condition beside the address: passes", async () => {
        const doc = office({ ...address, StringEquals: { "aws:SourceVpce": "vpce-0abc1234" } });
        await expectClean(policy(ANONYMOUS_IP), [make(doc)]);
      });
      it("aws:SourceIp the only condition: reported", async () => {
        const found = await violationsOf(ANONYMOUS_IP, [make(office(address))]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain("is narrowed only by aws:SourceIp (203.0.113.0/24)");
      });
    });
  }

  it("every native type of the table has a twin that reads its inline policy under the input", () => {
    for (const [type, input] of Object.entries(NATIVE_INLINE_POLICY_INPUT)) {
      const twin = TWINS.get(type);
      expect(twin?.rename?.[input], type).to.be.a("string");
    }
  });

  it("the classic repository and file system, which hold no policy, stay out of the rules' types", () => {
    for (const rule of [LISTS_ACTIONS, ANONYMOUS_IP]) {
      const types = policyCatalog.get(rule)?.types ?? [];
      expect(types, rule).to.include.members([n.NATIVE_ECR_REPOSITORY, n.NATIVE_EFS_FILE_SYSTEM]);
      expect(types, rule).not.to.include.members([ECR_REPOSITORY]);
      expect(types, rule).not.to.include.members([EFS_FILE_SYSTEM]);
    }
  });
});
