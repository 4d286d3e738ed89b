// The resource-policy family, kept complete: every @pulumi/aws resource type whose inputs hold a
// resource-based policy document, or that shares data with other accounts without one, is judged
// by an exposure rule (../../../policy-pack/policies/exposure, ../../../policy-pack/policies/s3),
// by a named rule of another area, or is listed below with the reason it cannot expose data. A
// provider upgrade that adds such a type fails here until it is placed.
import { expect } from "chai";
import { topLevelInputs } from "../../../tools/lib/provider-inputs";
import { allPolicies } from "../../../policy-pack/policies";
import { policies as exposure } from "../../../policy-pack/policies/exposure";
import { policies as s3 } from "../../../policy-pack/policies/s3";
import { policyCatalog } from "../../../policy-pack/lib/define";

/** Every input of every resource type, as the installed provider declares it (its `Args`). */
const providerInputs = topLevelInputs;

/** Input names that hold a policy document, as the provider spells them. */
const DOCUMENT =
  /^(policy|policyDocument|policyText|resourcePolicy|accessPolic(y|ies)|inlinePolic(y|ies)|assumeRolePolicy|sessionPolicy|\w+PolicyDocument|(repository|bucket|deliveryDestination|webAppEndpoint)Policy)$/;
/** Class names and inputs of resources that share or grant without a document. */
const SHARING_CLASS = /Permission|Share|Sharing|Grant|Public|AllowedPrincip/;
const SHARING_INPUT =
  /^(sharedAccounts|allowExternalPrincipals|sharePrincipals|principals?|allowedPrincipals)$/;

const IAM = "an IAM identity policy: judged by iam-no-wildcard-actions and the other IAM rules";

/** Judged by a rule of another area: the rule's types must include the type. */
const ELSEWHERE: Record<string, string> = {
  "aws:ec2/vpcEndpoint:VpcEndpoint": "ec2-vpc-endpoint-policy",
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": "ec2-vpc-endpoint-policy",
  "aws:ecr/registryPolicy:RegistryPolicy": "ecr-repository-policy-not-public",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "ecr-repository-policy-not-public",
  "aws:ecrpublic/repositoryPolicy:RepositoryPolicy": "ecr-repository-policy-not-public",
  "aws:iam/groupPolicy:GroupPolicy": "iam-no-wildcard-actions",
  "aws:iam/policy:Policy": "iam-no-wildcard-actions",
  "aws:iam/role:Role": "iam-trust-policy-specific-principals",
  "aws:iam/rolePolicy:RolePolicy": "iam-no-wildcard-actions",
  "aws:iam/userPolicy:UserPolicy": "iam-no-wildcard-actions",
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": "iam-no-wildcard-actions",
  "aws:kms/externalKey:ExternalKey": "kms-key-policy-no-wildcard-principal",
  "aws:kms/key:Key": "kms-key-policy-no-wildcard-principal",
  "aws:kms/keyPolicy:KeyPolicy": "kms-key-policy-no-wildcard-principal",
  "aws:kms/replicaExternalKey:ReplicaExternalKey": "kms-key-policy-no-wildcard-principal",
  "aws:kms/replicaKey:ReplicaKey": "kms-key-policy-no-wildcard-principal",
};

const SESSION = "a session policy: it can only narrow the permissions of the role it goes with";
const NOT_A_GRANT = "not a document that grants access to principals";

/** Found by the patterns, but cannot expose data: why. */
const NOT_EXPOSURE: Record<string, string> = {
  "aws:cfg/organizationCustomPolicyRule:OrganizationCustomPolicyRule": `Config rule logic in Guard: ${NOT_A_GRANT}`,
  "aws:cloudwatch/logAccountPolicy:LogAccountPolicy": `account-wide data protection, subscription or field-index settings: ${NOT_A_GRANT}`,
  "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy": `masks sensitive data in a log group: ${NOT_A_GRANT}`,
  "aws:cloudwatch/logIndexPolicy:LogIndexPolicy": `field indexes of a log group: ${NOT_A_GRANT}`,
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": `image expiry rules: ${NOT_A_GRANT}`,
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": SESSION,
  "aws:rolesanywhere/profile:Profile": SESSION,
  "aws:transfer/access:Access": SESSION,
  "aws:transfer/user:User": SESSION,
  "aws:iot/policy:Policy": "an IoT Core policy attached to device certificates: the identity side",
  "aws:iot/policyAttachment:PolicyAttachment": "names an IoT policy and its target: no document",
  "aws:networkmanager/coreNetwork:CoreNetwork": `a Cloud WAN network policy (segments, routes): ${NOT_A_GRANT}`,
  "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment": `a Cloud WAN network policy (segments, routes): ${NOT_A_GRANT}`,
  "aws:odb/network:Network":
    "policies on the network's KMS, S3 and STS access: like a VPC endpoint policy, they only narrow what callers in the network may do",
  "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy":
    "a data access policy naming IAM or SAML principals of collections; not a Principal-grammar document",
  "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy": `index retention rules: ${NOT_A_GRANT}`,
  "aws:resiliencehub/resiliencyPolicy:ResiliencyPolicy": `recovery objectives (RTO, RPO): ${NOT_A_GRANT}`,
  "aws:ses/receiptFilter:ReceiptFilter":
    '"Allow" or "Block" for an address range (the filter\'s action), not a document',
  "aws:sns/dataProtectionPolicy:DataProtectionPolicy": `audits, masks or denies sensitive data in messages: ${NOT_A_GRANT}`,
  "aws:transfer/webApp:WebApp": '"STANDARD" or "FIPS": the endpoint\'s TLS choice, not a document',
  "aws:verifiedaccess/endpoint:Endpoint":
    "a Cedar policy over trust-provider claims of signed-in users, not a Principal grant",
  "aws:verifiedaccess/group:Group":
    "a Cedar policy over trust-provider claims of signed-in users, not a Principal grant",
  // Sharing and grants without a document.
  "aws:acmpca/permission:Permission":
    'grants to the ACM service principal only ("acm.amazonaws.com")',
  "aws:auditmanager/frameworkShare:FrameworkShare":
    "sends a copy of a framework to one named account: no data",
  "aws:cloudfront/publicKey:PublicKey": "a public key for signed URLs: shares nothing",
  "aws:datazone/policyGrant:PolicyGrant":
    "grants a DataZone capability to a user, group or project of the domain",
  "aws:directconnect/hostedPublicVirtualInterface:HostedPublicVirtualInterface":
    "a route to AWS public endpoints: shares no data",
  "aws:directconnect/hostedPublicVirtualInterfaceAccepter:HostedPublicVirtualInterfaceAccepter":
    "accepts a public virtual interface: shares no data",
  "aws:directconnect/publicVirtualInterface:PublicVirtualInterface":
    "a route to AWS public endpoints: shares no data",
  "aws:directoryservice/sharedDirectory:SharedDirectory":
    "shares a directory with one named account (target)",
  "aws:directoryservice/sharedDirectoryAccepter:SharedDirectoryAccepter":
    "accepts a share into this account",
  "aws:ec2/networkInterfacePermission:NetworkInterfacePermission":
    "lets one named account attach to an interface",
  "aws:ec2/vpcBlockPublicAccessExclusion:VpcBlockPublicAccessExclusion":
    "exempts a VPC or subnet from the internet-gateway block: network reachability, judged by the network rules' routes",
  "aws:ec2/vpcBlockPublicAccessOptions:VpcBlockPublicAccessOptions":
    "the region's internet-gateway block: it can only narrow",
  "aws:globalaccelerator/crossAccountAttachment:CrossAccountAttachment":
    "lets named accounts put its endpoints behind their accelerators",
  "aws:iot/thingPrincipalAttachment:ThingPrincipalAttachment": "attaches a certificate to a thing",
  "aws:kms/grant:Grant": "one named grantee principal ARN: KMS takes no wildcard grantee",
  "aws:lakeformation/optIn:OptIn":
    "opts named principals into Lake Formation enforcement: it narrows",
  "aws:lakeformation/permissions:Permissions":
    "grants to one named principal (an IAM ARN, an account or the account's IAM_ALLOWED_PRINCIPALS); Lake Formation has no public principal",
  "aws:licensemanager/licenseGrant:LicenseGrant": "grants a license to one named principal ARN",
  "aws:licensemanager/licenseGrantAccepter:LicenseGrantAccepter": "accepts a license grant",
  "aws:lightsail/instancePublicPorts:InstancePublicPorts":
    "a Lightsail instance's firewall ports: network reachability, not a data grant",
  "aws:quicksight/customPermissions:CustomPermissions":
    "restricts QuickSight capabilities: it narrows",
  "aws:quicksight/roleCustomPermission:RoleCustomPermission":
    "restricts QuickSight capabilities: it narrows",
  "aws:quicksight/userCustomPermission:UserCustomPermission":
    "restricts QuickSight capabilities: it narrows",
  "aws:ram/permission:Permission":
    "the actions a share grants; whom it shares with is judged on the ResourceShare",
  "aws:ram/principalAssociation:PrincipalAssociation":
    "adds one named principal to a share; outside principals are judged on the ResourceShare",
  "aws:ram/resourceShareAccepter:ResourceShareAccepter": "accepts a share into this account",
  "aws:ram/resourceShareAssociationsExclusive:ResourceShareAssociationsExclusive":
    "names a share's principals; outside principals are judged on the ResourceShare",
  "aws:ram/sharingWithOrganization:SharingWithOrganization":
    "enables sharing inside the organization only",
  "aws:redshift/dataShareAuthorization:DataShareAuthorization":
    "authorizes one named consumer account",
  "aws:redshift/dataShareConsumerAssociation:DataShareConsumerAssociation":
    "the consumer side of a datashare",
  "aws:redshift/snapshotCopyGrant:SnapshotCopyGrant":
    "lets Redshift use a key for copied snapshots: judged by database-snapshot-copy-kms-cmk",
  "aws:s3control/accessGrant:AccessGrant":
    "grants a location to one named grantee (an IAM principal or a directory user)",
  "aws:s3control/accessGrantsInstance:AccessGrantsInstance":
    "holds access grants: grants nothing itself",
  "aws:s3control/accessGrantsLocation:AccessGrantsLocation":
    "registers a location and the role that serves it: grants nothing itself",
  "aws:servicecatalog/portfolioShare:PortfolioShare":
    "shares a portfolio with one named account, OU or organization",
  "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace":
    "a public DNS zone for service names: shares no data",
  "aws:signer/signingProfilePermission:SigningProfilePermission":
    "grants a signing-profile action to one named account",
  "aws:ssoadmin/permissionSet:PermissionSet": IAM,
  "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment": `${IAM}; a boundary only narrows`,
  "aws:storagegateway/smbFileShare:SmbFileShare":
    "serves a bucket to clients on the gateway's network: network reachability, not a grant to accounts",
};

describe("the resource-policy family covers every type that can expose data", () => {
  const inputs = providerInputs();
  const documents = new Map<string, string[]>();
  const sharing = new Map<string, string[]>();
  for (const [token, names] of inputs) {
    const docs = [...names].filter((n) => DOCUMENT.test(n));
    if (docs.length) documents.set(token, docs);
    const shares = [...names].filter((n) => SHARING_INPUT.test(n));
    if (shares.length || SHARING_CLASS.test(token.split(":")[2])) sharing.set(token, shares);
  }
  const judged = new Set(
    [...exposure, ...s3].flatMap((p) => policyCatalog.get(p.name)?.types ?? []),
  );
  const placed = (token: string) =>
    judged.has(token) || token in ELSEWHERE || token in NOT_EXPOSURE;

  it("finds the types it should (the derivation reads what the provider declares)", () => {
    expect(allPolicies.length).to.be.above(0);
    expect(documents.get("aws:s3/bucketPolicy:BucketPolicy")).to.deep.equal(["policy"]);
    expect(documents.get("aws:glacier/vault:Vault")).to.deep.equal(["accessPolicy"]);
    expect(documents.get("aws:sqs/queue:Queue")).to.include("policy");
    expect(sharing.get("aws:rds/snapshot:Snapshot")).to.deep.equal(["sharedAccounts"]);
    expect(sharing.get("aws:ram/resourceShare:ResourceShare")).to.include(
      "allowExternalPrincipals",
    );
    expect(sharing.has("aws:lambda/permission:Permission")).to.equal(true);
    expect(sharing.has("aws:ec2/amiLaunchPermission:AmiLaunchPermission")).to.equal(true);
  });

  it("every type with a resource policy document is judged, or listed with a reason", () => {
    const missing = [...documents].filter(([t]) => !placed(t)).map(([t, n]) => `${t} (${n})`);
    expect(missing, "resource-policy types no rule judges").to.deep.equal([]);
  });

  it("every sharing or permission type is judged, or listed with a reason", () => {
    const missing = [...sharing].filter(([t]) => !placed(t)).map(([t, n]) => `${t} (${n})`);
    expect(missing, "sharing types no rule judges").to.deep.equal([]);
  });

  it("a type judged by another area's rule is in that rule's types", () => {
    for (const [token, rule] of Object.entries(ELSEWHERE)) {
      expect(policyCatalog.get(rule)?.types ?? [], `${rule} for ${token}`).to.include(token);
    }
  });

  it("the tables hold only types the patterns find, and none that cannot expose data is judged", () => {
    // A type judged elsewhere may also be judged by an exposure rule on another question (which
    // actions its policy lists): the table still pins who judges whether it is public.
    for (const token of [...Object.keys(ELSEWHERE), ...Object.keys(NOT_EXPOSURE)]) {
      expect(documents.has(token) || sharing.has(token), `${token} is not found`).to.equal(true);
    }
    for (const token of Object.keys(NOT_EXPOSURE)) {
      expect(judged.has(token), `${token} is judged: remove it from the table`).to.equal(false);
    }
  });
});
