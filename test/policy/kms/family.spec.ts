// The KMS family is complete: every @pulumi/aws resource type with an input (top level or nested)
// that names a KMS key for the data it stores is judged by an encryption-at-rest rule, or is listed
// below with the reason it is not. The list of types comes from the installed provider's
// declarations, so a provider upgrade that adds such a type fails here until a rule judges it.
import { expect } from "chai";
import { allPolicies } from "../../../policy-pack/policies";
import { policies as kmsPolicies } from "../../../policy-pack/policies/kms";
import { policyCatalog } from "../../../policy-pack/lib/define";
import { inputPathsNamed, typesDeclaring } from "../../../tools/lib/provider-inputs";

/**
 * Input names that name a KMS key, as the provider spells them: `kmsKeyId`, `kmsKeyArn`, `kmsKey`,
 * `kmsKeyIdentifier`, `kmsMasterKeyId`, `volumeKmsKeyId`, `encryptionKey`, `encryptionKeyArn`,
 * `kmsEncryptionKey`, `cmkArn`, `kmsArn`, `customerManagedKeyArn`, and the bare `keyId`/`keyArn` of
 * nested encryption settings (Firehose `serverSideEncryption.keyArn`, Connect
 * `encryptionConfig.keyId`).
 */
const KEY_NAME =
  /^(.*kms(master)?key(id|arn|identifier)?|.*encryptionkey(id|arn)?|cmkarn|kmsarn|customermanagedkeyarn|keyid|keyarn)$/i;

/** Inputs (`<type> <path>`) whose key is not a key for stored data, each with the reason. */
const NOT_DATA_KEYS: Record<string, string> = {
  "aws:lambda/eventSourceMapping:EventSourceMapping kmsKeyArn":
    "encrypts the mapping's filter criteria, configuration rather than the data it moves",
  "aws:apigateway/usagePlanKey:UsagePlanKey keyId": "an API Gateway API key id, not a KMS key",
  "aws:paymentcryptography/keyAlias:KeyAlias keyArn":
    "a Payment Cryptography key, not a KMS key; it encrypts nothing stored",
  "aws:kms/ciphertext:Ciphertext keyId":
    "the key encrypts a plaintext into the resource's output; AWS stores nothing",
  "aws:kms/grant:Grant keyId": "the key a grant gives permissions on; nothing is encrypted",
  "aws:kms/keyPolicy:KeyPolicy keyId": "the key the policy governs; nothing is encrypted",
  "aws:quicksight/keyRegistration:KeyRegistration keyRegistrations.keyArn":
    "the registration of the customer keys themselves; it names nothing else's key",
  "aws:cognito/userPool:UserPool lambdaConfig.kmsKeyId":
    "encrypts the codes Cognito hands to custom sender triggers: a transient request",
  "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider oauth2ProviderConfig.customOauth2ProviderConfig.privateKeyJwtConfig.privateKeySource.kmsKeySource.kmsKeyArn":
    "a KMS key that signs client-assertion JWTs; it encrypts no data",
  "aws:dataexchange/revisionAssets:RevisionAssets assets.createS3DataAccessFromS3Bucket.assetSource.kmsKeysToGrants.kmsKeyArn":
    "keys of the provider's own bucket that subscribers are granted; Data Exchange stores nothing with them",
  "aws:lex/v2modelsSlotType:V2modelsSlotType externalSourceSettings.grammarSlotTypeSettings.sources.kmsKeyArn":
    "the key of the S3 object Lex reads the grammar from; the object's own encryption is the S3 policies'",
};

/** Types whose stored data a rule outside the KMS area judges for a customer key (type → rule). */
const COVERED_ELSEWHERE: Record<string, string> = {
  "aws:ebs/volume:Volume": "ec2-ebs-volume-encrypted",
  "aws:ebs/defaultKmsKey:DefaultKmsKey": "ec2-ebs-encryption-by-default",
  "aws:ec2/instance:Instance": "ec2-instance-ebs-encrypted",
  "aws:ec2/launchTemplate:LaunchTemplate": "ec2-instance-ebs-encrypted",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "ec2-instance-ebs-encrypted",
  "aws:ec2/spotFleetRequest:SpotFleetRequest": "ec2-instance-ebs-encrypted",
};

/**
 * Types that store data under a key they name but no rule judges yet. Every entry is a gap in the
 * mandatory guarantee: a rule that judges the type removes it (a test below fails on a stale entry).
 */
const NOT_YET_JUDGED: readonly string[] = [
  // CodeCommit: this project's own source repository uses aws/codecommit; a customer key there
  // needs key grants for the pipeline role and for whoever pushes (CodeCommit User Guide,
  // "AWS KMS and encryption"), to be added with the rule.
  "aws:codecommit/repository:Repository",
  // Left unjudged on purpose: the services or APIs behind these are being retired, so a rule for
  // new resources of theirs would guard nothing that can still be built.
  // CodeGuru Reviewer creates no new repository associations since 7 November 2025
  // (https://docs.aws.amazon.com/codeguru/latest/reviewer-ug/codeguru-reviewer-availability-change.html).
  "aws:codegurureviewer/repositoryAssociation:RepositoryAssociation",
  // The provider marks the resource deprecated: AWS discontinues Elastic Transcoder for
  // MediaConvert.
  "aws:elastictranscoder/pipeline:Pipeline",
  // FinSpace accepts no new customers since 7 October 2025 and ends on 7 October 2026
  // (https://docs.aws.amazon.com/finspace/latest/userguide/amazon-finspace-end-of-support.html).
  "aws:finspace/kxEnvironment:KxEnvironment",
  // An alias of an Amazon Lex V1 bot: Lex V1 support ended on 15 September 2025
  // (https://docs.aws.amazon.com/lex/latest/dg/migrate.html); Lex V2 is aws.lex.V2models*.
  "aws:lex/botAlias:BotAlias",
];

/**
 * Types that show a key (or an encryption switch) only as an output, which the input scan above
 * cannot see, and that no rule judges, each with the reason. The others (snapshots and backups,
 * which keep their source's key) are judged through their source.
 */
const OUTPUT_ONLY_NOT_DATA: Record<string, string> = {
  "aws:neptune/clusterInstance:ClusterInstance":
    "an instance stores nothing of its own: it reads the cluster's volume, judged on the cluster",
};

/** The types each rule of the KMS area (or an encryption-at-rest rule elsewhere) judges. */
function judged(): Map<string, string[]> {
  const kmsNames = new Set(kmsPolicies.map((p) => p.name));
  const out = new Map<string, string[]>();
  for (const p of allPolicies) {
    const entry = policyCatalog.get(p.name);
    if (!entry || !(kmsNames.has(p.name) || p.name.endsWith("-kms-cmk"))) continue;
    for (const t of entry.types) out.set(t, [...(out.get(t) ?? []), p.name]);
  }
  return out;
}

describe("KMS family: every type that stores data under a KMS key is judged", () => {
  let keyInputs: Map<string, string[]>;
  /** Key-bearing types, after the inputs whose key is not for stored data are left out. */
  let dataTypes: string[];
  before(function () {
    this.timeout(120_000);
    keyInputs = inputPathsNamed((name) => KEY_NAME.test(name));
    dataTypes = [...keyInputs]
      .filter(([t, paths]) => paths.some((p) => NOT_DATA_KEYS[`${t} ${p}`] === undefined))
      .map(([t]) => t)
      .sort();
  });

  it("finds the key inputs the provider declares (the reader sees nested inputs)", () => {
    expect(keyInputs.get("aws:mwaa/environment:Environment")).to.include("kmsKey");
    expect(keyInputs.get("aws:sqs/queue:Queue")).to.include("kmsMasterKeyId");
    expect(keyInputs.get("aws:dynamodb/table:Table")).to.include("serverSideEncryption.kmsKeyArn");
    expect(keyInputs.get("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).to.include(
      "serverSideEncryption.keyArn",
    );
    expect(dataTypes.length).to.be.above(150);
  });

  it("each such type is in the types of a KMS rule, or listed with a reason", () => {
    const rules = judged();
    const uncovered = dataTypes.filter(
      (t) => !rules.has(t) && !COVERED_ELSEWHERE[t] && !NOT_YET_JUDGED.includes(t),
    );
    expect(uncovered, `types no KMS rule judges:\n  ${uncovered.join("\n  ")}\n`).to.deep.equal([]);
  });

  it("the tables name only key-bearing inputs and types, and no type a KMS rule judges", () => {
    const rules = judged();
    const stale = [
      ...Object.keys(NOT_DATA_KEYS).filter((k) => {
        const [t, p] = k.split(" ");
        return !keyInputs.get(t)?.includes(p);
      }),
      ...[...Object.keys(COVERED_ELSEWHERE), ...NOT_YET_JUDGED].filter((t) => !keyInputs.has(t)),
      ...NOT_YET_JUDGED.filter((t) => rules.has(t) || COVERED_ELSEWHERE[t]),
    ];
    expect(stale).to.deep.equal([]);
  });

  it("each type that shows its key only as an output is judged, or listed with a reason", () => {
    const rules = judged();
    const outputOnly = typesDeclaring(
      /readonly (kmsKeyId|kmsKeyArn|encrypted|storageEncrypted): pulumi\.Output/,
    ).filter((t) => !keyInputs.has(t));
    expect(outputOnly).to.include.members(["aws:ebs/snapshot:Snapshot", "aws:fsx/backup:Backup"]);
    const uncovered = outputOnly.filter((t) => !rules.has(t) && !OUTPUT_ONLY_NOT_DATA[t]);
    expect(uncovered, `types no KMS rule judges:\n  ${uncovered.join("\n  ")}\n`).to.deep.equal([]);
    const stale = Object.keys(OUTPUT_ONLY_NOT_DATA).filter((t) => !outputOnly.includes(t));
    expect(stale).to.deep.equal([]);
  });

  it("the rules named as covering a type elsewhere judge that type", () => {
    const wrong = Object.entries(COVERED_ELSEWHERE).filter(
      ([t, rule]) => !policyCatalog.get(rule)?.types.includes(t),
    );
    expect(wrong).to.deep.equal([]);
  });
});
