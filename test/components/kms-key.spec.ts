import { expect } from "chai";
import { record, RecordedResource, UNKNOWN } from "../../tools/lib/recorder";
import {
  cloudWatchLogsGrant,
  EncryptionKey,
  EncryptionKeyArgs,
  KEY_ADMIN_ACTIONS,
  KEY_ADMIN_SID,
} from "../../components/kms-key";
import { keyAliasName } from "../../components/context";
import { ACCOUNT } from "../fixtures/account";

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/api`;

const CRYPTO_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:CreateGrant",
];

function baseArgs(overrides: Partial<EncryptionKeyArgs> = {}): EncryptionKeyArgs {
  return {
    description: "Test data key",
    grants: [
      {
        sid: "ApiRoleViaS3",
        principals: { type: "AWS", identifiers: [ROLE] },
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        conditions: [
          {
            test: "StringEquals",
            variable: "kms:ViaService",
            values: ["s3.eu-west-1.amazonaws.com"],
          },
        ],
      },
      cloudWatchLogsGrant(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/platform/test/*`),
    ],
    tags: { project: "platform" },
    ...overrides,
  };
}

async function build(args: EncryptionKeyArgs, preview = false) {
  const rec = await record({ project: "platform", stack: "test", preview }, () => {
    new EncryptionKey("data", args);
  });
  const one = (type: string): RecordedResource => {
    const found = rec.resources.filter((r) => r.type === type);
    expect(found, type).to.have.length(1);
    return found[0];
  };
  return { rec, one };
}

type Statement = {
  Sid?: string;
  Effect: string;
  Principal: string | Record<string, string | string[]>;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function statements(key: RecordedResource): Statement[] {
  expect(key.inputs.policy, "policy known after apply").to.be.a("string").and.not.equal(UNKNOWN);
  return JSON.parse(key.inputs.policy).Statement as Statement[];
}

describe("EncryptionKey", () => {
  it("creates a rotating symmetric key with lockout check on and an alias", async () => {
    const { one } = await build(baseArgs());
    const key = one("aws:kms/key:Key");
    expect(key.inputs.enableKeyRotation).to.equal(true);
    expect(key.inputs.bypassPolicyLockoutSafetyCheck).to.equal(false);
    expect(key.inputs.keyUsage).to.equal("ENCRYPT_DECRYPT");
    expect(key.inputs.deletionWindowInDays).to.equal(30);
    expect(key.inputs.tags).to.deep.equal({ project: "platform", Name: "data" });
    const alias = one("aws:kms/alias:Alias");
    expect(alias.inputs.name).to.equal("alias/data");
    expect(alias.propertyDependencies.targetKeyId).to.deep.equal([key.urn]);
  });

  it("parents and names its children after the component", async () => {
    const { rec, one } = await build(baseArgs());
    const component = one("platform:security:EncryptionKey");
    for (const r of rec.resources.filter((r) => r.custom)) {
      expect(r.parent, r.name).to.equal(component.urn);
      expect(r.name.startsWith("data-"), r.name).to.equal(true);
    }
    expect(component.outputs).to.have.keys("keyArn", "keyId", "aliasName");
  });

  it("has an explicit policy with no wildcard principal", async () => {
    const { one } = await build(baseArgs());
    for (const s of statements(one("aws:kms/key:Key"))) {
      expect(s.Principal, s.Sid).to.not.equal("*");
      expect(s.Effect).to.equal("Allow");
      for (const ids of Object.values(s.Principal as Record<string, string | string[]>)) {
        expect(list(ids), s.Sid).to.not.include("*");
      }
      expect(list(s.Action), s.Sid).to.not.include.members(["*", "kms:*"]);
    }
  });

  it("gives the account root key administration only, never key use", async () => {
    const { one } = await build(baseArgs());
    const stmts = statements(one("aws:kms/key:Key"));
    const rootStatements = stmts.filter((s) =>
      list((s.Principal as Record<string, string | string[]>).AWS).includes(ROOT),
    );
    expect(rootStatements.map((s) => s.Sid)).to.deep.equal([KEY_ADMIN_SID]);
    const actions = list(rootStatements[0].Action);
    expect(actions).to.have.members([...KEY_ADMIN_ACTIONS]);
    // The lockout safety check needs the account to keep PutKeyPolicy.
    expect(actions).to.include("kms:PutKeyPolicy");
    for (const a of CRYPTO_ACTIONS) expect(actions).to.not.include(a);
    expect(actions.some((a) => a.includes("*"))).to.equal(false);
  });

  it("renders each grant with its principals and conditions", async () => {
    const { one } = await build(baseArgs());
    const stmts = statements(one("aws:kms/key:Key"));
    const api = stmts.find((s) => s.Sid === "ApiRoleViaS3");
    expect(api?.Principal).to.deep.equal({ AWS: ROLE });
    expect(api?.Condition).to.deep.equal({
      StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
    });
    const logs = stmts.find((s) => s.Sid === "CloudWatchLogsUse");
    expect(logs?.Principal).to.deep.equal({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs?.Condition).to.deep.equal({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/platform/test/*`,
      },
    });
    expect(list(logs?.Action)).to.include.members(["kms:Encrypt", "kms:Decrypt"]);
    // DescribeKey carries no encryption context: under this condition it would never be allowed.
    expect(list(logs?.Action)).to.not.include("kms:DescribeKey");
  });

  it("maps protect to protect + retainOnDelete on the key", async () => {
    const on = await build(baseArgs({ protect: true }));
    expect(on.one("aws:kms/key:Key").options).to.include({ protect: true, retainOnDelete: true });
    const off = await build(baseArgs());
    expect(off.one("aws:kms/key:Key").options).to.include({
      protect: false,
      retainOnDelete: false,
    });
  });

  it("registers at preview with the policy unknown, never crashing", async () => {
    const { one } = await build(baseArgs(), true);
    const key = one("aws:kms/key:Key");
    expect(key.inputs.enableKeyRotation).to.equal(true);
  });

  it("honours deletionWindowInDays and aliasName", async () => {
    const { one } = await build(baseArgs({ deletionWindowInDays: 7, aliasName: "alias/x/y" }));
    expect(one("aws:kms/key:Key").inputs.deletionWindowInDays).to.equal(7);
    expect(one("aws:kms/alias:Alias").inputs.name).to.equal("alias/x/y");
  });

  describe("rejects unsafe arguments with a clear error", () => {
    const cases: [string, Partial<EncryptionKeyArgs>, RegExp][] = [
      [
        "wildcard principal",
        {
          grants: [
            {
              sid: "Any",
              principals: { type: "AWS", identifiers: ["*"] },
              actions: ["kms:Decrypt"],
            },
          ],
        },
        /wildcard principal/,
      ],
      [
        "wildcard action",
        {
          grants: [
            { sid: "All", principals: { type: "AWS", identifiers: [ROLE] }, actions: ["kms:*"] },
          ],
        },
        /wildcard action "kms:\*"/,
      ],
      [
        "reserved sid",
        {
          grants: [
            {
              sid: KEY_ADMIN_SID,
              principals: { type: "AWS", identifiers: [ROLE] },
              actions: ["kms:Decrypt"],
            },
          ],
        },
        /sid is already used/,
      ],
      [
        "deletion window",
        { deletionWindowInDays: 3 },
        /deletionWindowInDays must be an integer from 7 to 30/,
      ],
      ["alias", { aliasName: "alias/aws/s3" }, /alias "alias\/aws\/s3" is invalid/],
    ];
    for (const [label, overrides, message] of cases) {
      it(label, async () => {
        let error: unknown;
        try {
          await build(baseArgs(overrides));
        } catch (e) {
          error = e;
        }
        expect(String(error)).to.match(message);
        expect(String(error)).to.match(/EncryptionKey data: invalid arguments/);
      });
    }
  });
});

describe("keyAliasName", () => {
  it("spells a component's alias per project and stack, in the characters an alias takes", async () => {
    const aliases: string[] = [];
    for (const [project, stack] of [
      ["platform", "staging"],
      ["my.app", "team.qa"],
    ]) {
      await record({ project, stack, preview: false, config: {} }, () => {
        aliases.push(keyAliasName("storage"));
      });
    }
    expect(aliases).to.deep.equal([
      "alias/platform/staging/storage",
      "alias/my-app/team-qa/storage",
    ]);
  });
});
