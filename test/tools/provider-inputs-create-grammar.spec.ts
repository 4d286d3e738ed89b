// The grammar IAM holds identity and trust policies to (rules-create-iam-grammar.ts) and the
// handler and runtime of a Zip Lambda function (rules-function-package.ts): the documents and
// functions each must let through. The one-broken-element cases are in
// provider-inputs-cases-grammar.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusalsWith as refusals } from "./provider-inputs-refusals";
import {
  doc,
  EXCLUSIVE,
  FUNCTION,
  grant,
  GRANT,
  GROUP_POLICY,
  POLICY,
  ROLE,
  RECORD,
  ROLE_POLICY,
  TRUST,
  USER_POLICY,
  WITH_VALUES,
} from "./provider-inputs-cases-grammar";

const says = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

describe("provider inputs: the grammar IAM holds policies to, what it lets through", () => {
  it("accepts each element written as IAM's pages allow it", () => {
    const documents = [
      doc([GRANT]),
      doc([GRANT], "2008-10-17"),
      doc([GRANT], undefined), // no Version: IAM reads 2008-10-17
      JSON.stringify({ Version: "2012-10-17", Statement: GRANT }), // one statement, not a list
      doc([grant({ Action: undefined, NotAction: "iam:*" })]),
      doc([grant({ Resource: undefined, NotResource: ["arn:aws:s3:::secret/*"] })]),
      doc([grant({ Sid: undefined }), grant({ Sid: undefined })]), // no Sid twice is no Sid
      doc([grant({ Sid: "" })]),
      doc([grant({ Effect: "Deny", Sid: "Deny2" }), GRANT]),
      doc([]),
      // A statement serialised from a struct, every empty field written (a Go policy type's JSON).
      doc([
        { ...GRANT, Sid: "", Principal: {}, NotPrincipal: {}, NotAction: null, NotResource: [] },
      ]),
    ];
    for (const type of [POLICY, ROLE_POLICY, USER_POLICY, GROUP_POLICY])
      for (const policy of documents)
        expect(says(type, { policy }), `${type} ${policy}`).to.deep.equal([]);
    // A document given as an object, as @pulumi/aws's PolicyDocument type allows.
    expect(says(POLICY, { policy: { Version: "2012-10-17", Statement: [GRANT] } })).to.deep.equal(
      [],
    );
    expect(
      says(ROLE, { inlinePolicies: [{ name: "a", policy: doc([GRANT]) }, { name: "gone" }] }),
    ).to.deep.equal([]);
  });

  it("accepts trust policies: a Principal and no Resource needed, a Sid IAM's pages leave open", () => {
    for (const assumeRolePolicy of [
      doc([TRUST]),
      doc([{ ...TRUST, Sid: "lambda-assume" }]),
      doc([
        {
          ...TRUST,
          Principal: { Federated: "cognito-identity.amazonaws.com" },
          Action: ["sts:AssumeRoleWithWebIdentity"],
        },
      ]),
      doc([{ ...TRUST, Principal: "*" }]),
    ])
      expect(says(ROLE, { assumeRolePolicy }), assumeRolePolicy).to.deep.equal([]);
  });

  it('judges no element written empty but an Effect ""', () => {
    // The provider sends a null as written; IAM's reading of it, and of a Version "", is not
    // documented. The Effect page names Allow and Deny as the only values: "" is neither.
    expect(says(POLICY, { policy: doc([grant({ Effect: null })]) })).to.deep.equal([]);
    expect(says(POLICY, { policy: doc([GRANT], "") })).to.deep.equal([]);
    expect(says(ROLE, { assumeRolePolicy: doc([{ ...TRUST, Effect: null }], "") })).to.deep.equal(
      [],
    );
    expect(says(POLICY, { policy: doc([grant({ Effect: "" })]) })).to.deep.equal([
      'policy: statement "ReadBucket" has Effect "": IAM takes "Allow" or "Deny", written so (case sensitive)',
    ]);
  });

  it("refuses an element written in another case once, and leaves a statement it cannot read to IAM", () => {
    // IAM answers "Unknown field statement" for a lower-case top-level Statement
    // (pulumi/pulumi-aws-native#1616); inside a statement the refusal is inferred from it (see
    // rules-create-iam-grammar.ts), so its words claim no answer of IAM's. A miscased element is
    // refused for its case, and not also as an Effect, Action or Resource left out.
    const lower = { sid: "A", effect: "Allow", action: "s3:GetObject", resource: "*" };
    expect(says(POLICY, { policy: doc([lower]) })).to.deep.equal([
      'policy: statement "A" has "sid" (write "Sid"), "effect" (write "Effect"), "action" (write "Action"), "resource" (write "Resource"): element names are case sensitive inside a statement too',
    ]);
    // One miscased element beside correctly cased ones, in a correctly cased Statement.
    expect(
      says(POLICY, {
        policy: doc([grant({ condition: { Bool: { "aws:SecureTransport": "true" } } })]),
      }),
    ).to.deep.equal([
      'policy: statement "ReadBucket" has "condition" (write "Condition"): element names are case sensitive inside a statement too',
    ]);
    const document = JSON.stringify({ version: "2012-10-17", statement: [GRANT] });
    expect(says(ROLE_POLICY, { policy: document })).to.deep.equal([
      'policy: IAM reads no element "version" (write "Version"), "statement" (write "Statement"): element names are case sensitive',
    ]);
    // A name the grammar does not have is left to IAM; so are the keys inside an element.
    const unknownKey = grant({
      Comment: "read",
      Condition: { bool: { "aws:SecureTransport": "true" } },
    });
    expect(says(POLICY, { policy: doc([unknownKey]) })).to.deep.equal([]);
    expect(says(POLICY, { policy: doc(["s3:GetObject", null, 3]) })).to.deep.equal([]);
    expect(says(POLICY, { policy: JSON.stringify({ Version: "2012-10-17" }) })).to.deep.equal([]);
    // A Version that is not text (a number) is not judged here.
    expect(
      says(POLICY, { policy: JSON.stringify({ Version: 2012, Statement: [GRANT] }) }),
    ).to.deep.equal([]);
  });

  it("does not judge a document with a value unknown at preview", () => {
    expect(
      says(POLICY, {
        policy: {
          Version: "2012-10-17",
          Statement: [grant({ Effect: "allow", Resource: UNKNOWN })],
        },
      }),
    ).to.deep.equal([]);
    expect(says(POLICY, { policy: UNKNOWN })).to.deep.equal([]);
  });

  it("does not judge resource policies, whose Sid and Principal rules differ", () => {
    const bucketDoc = doc([grant({ Sid: "Allow read-only", Principal: { AWS: "*" } })]);
    expect(
      says("aws:s3/bucketPolicy:BucketPolicy", { bucket: "app", policy: bucketDoc }),
    ).to.deep.equal([]);
  });

  it("lists each broken statement of one document, named by its Sid or its place", () => {
    const policy = doc([grant({ Effect: "allow" }), grant({ Sid: undefined, Effect: "deny" })]);
    expect(says(POLICY, { policy })).to.deep.equal([
      'policy: statement "ReadBucket" has Effect "allow": IAM takes "Allow" or "Deny", written so (case sensitive); ' +
        'policy: statement 2 has Effect "deny": IAM takes "Allow" or "Deny", written so (case sensitive)',
    ]);
  });
});

describe("provider inputs: a Zip Lambda function's handler and runtime", () => {
  it("accepts a Zip function with both, and an Image function with neither", () => {
    expect(says(FUNCTION, {})).to.deep.equal([]);
    expect(says(FUNCTION, { packageType: "Zip" })).to.deep.equal([]);
    expect(
      says(FUNCTION, {
        packageType: "Image",
        handler: undefined,
        runtime: undefined,
        code: undefined,
        layers: undefined,
        imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
      }),
    ).to.deep.equal([]);
  });

  it("refuses a function from an image that leaves packageType to its default, Zip", () => {
    const refused = refusals(FUNCTION, {
      handler: undefined,
      runtime: undefined,
      code: undefined,
      imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
    });
    expect(refused.map((r) => [r.prop, r.by, r.says])).to.deep.equal([
      ["handler", "provider", ["handler and runtime must be set when PackageType is Zip"]],
    ]);
  });

  it("does not judge a function whose package type, handler or runtime is unknown", () => {
    for (const change of [
      { handler: UNKNOWN, runtime: undefined },
      { packageType: UNKNOWN, runtime: undefined },
    ])
      expect(says(FUNCTION, change)).to.deep.equal([]);
  });
});

describe("provider inputs: a Route 53 record's addresses, what is not judged", () => {
  it('does not judge an address taken from an output, which the engine answers with "" at apply', () => {
    // records: [eni.privateIp] or [instance.publicIp]: unknown at preview, "" at apply offline,
    // an address in AWS.
    for (const [type, address] of [
      ["A", "192.0.2.1"],
      ["AAAA", "2001:db8::1"],
    ])
      for (const records of [[UNKNOWN], [""], ["", address]])
        expect(says(RECORD, { ...WITH_VALUES, type, records }), `${type} ${records}`).to.deep.equal(
          [],
        );
  });
});

describe("provider inputs: the record sets of aws.route53.RecordsExclusive", () => {
  const set = (type: string, ...values: unknown[]) => ({
    name: "app.example.com",
    type,
    ttl: 300,
    resourceRecords: values.map((value) => ({ value })),
  });
  const zone = (...resourceRecordSets: unknown[]) => ({ zoneId: "Z123", resourceRecordSets });

  it("refuses an A or AAAA set whose values are not addresses of its family, set by set", () => {
    const refused = refusals(
      EXCLUSIVE,
      zone(
        set("A", "192.0.2.1"),
        set("A", "www.example.com", "192.0.2.256"),
        set("AAAA", "192.0.2.1"),
      ),
    );
    expect(refused.map((r) => [r.prop, r.by, r.says])).to.deep.equal([
      [
        "resourceRecordSets",
        "aws",
        [
          'resourceRecordSets[1] ("app.example.com"): an A record\'s values are IPv4 addresses: "www.example.com", "192.0.2.256" are not',
        ],
      ],
      [
        "resourceRecordSets",
        "aws",
        [
          'resourceRecordSets[2] ("app.example.com"): an AAAA record\'s values are IPv6 addresses: "192.0.2.1" is not',
        ],
      ],
    ]);
  });

  it('lets through addresses, other types, aliases, "" and values unknown at preview', () => {
    const alias = {
      name: "app.example.com",
      type: "A",
      aliasTarget: { name: "lb.example.com", zoneId: "Z2", evaluateTargetHealth: false },
    };
    for (const sets of [
      [set("A", "192.0.2.1", " 198.51.100.255 "), set("AAAA", "2001:db8::1")],
      [set("CNAME", "www.example.com"), set("TXT", '"v=spf1 -all"'), alias],
      [set("A", ""), set("AAAA", "", "2001:db8::1")],
      [set("A", UNKNOWN)],
      [],
    ])
      expect(says(EXCLUSIVE, zone(...sets)), JSON.stringify(sets)).to.deep.equal([]);
  });
});
