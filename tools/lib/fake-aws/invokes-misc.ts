// Account, region, organization, DNS, SSM, KMS, ACM, IAM and CloudFront data sources (ECR's and
// the other credential data sources are in ./invokes-tokens.ts).
import { ec2Id } from "./arns";
import type { Resolved } from "./env";
import { UNKNOWN } from "./env";
import { chars, hex, LOWER_ALNUM, TIMESTAMP, UPPER_ALNUM, uuid } from "./hash";
import { REGIONS } from "./regions";

type Args = Record<string, any>;

/** Thrown where the fake cannot know the answer (the caller turns it into "not answered"). */
export class NotModelled extends Error {}

/**
 * Regions that a new account must opt in to (AWS Account Management Reference Guide, "Enable or
 * disable AWS Regions in your account": every Region introduced after March 20, 2019).
 */
const OPT_IN = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
]);

/**
 * The ELB account per region that writes access logs (ELB User Guide, "Enable access logs for
 * your Application Load Balancer"; the Terraform provider's aws_elb_service_account table).
 * Regions opened after August 2022 have none: they use the log delivery service principal.
 */
const ELB_ACCOUNT: Record<string, string> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-gov-west-1": "048591011584",
  "us-gov-east-1": "190560391635",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
};

/**
 * AWS managed CloudFront policies by name (CloudFront Developer Guide, "Use managed cache
 * policies", "Use managed origin request policies", "Use managed response headers policies").
 */
const CLOUDFRONT_MANAGED: Record<string, Record<string, string>> = {
  cache: {
    "Managed-CachingOptimized": "658327ea-f89d-4fab-a63d-7e88639e58f6",
    "Managed-CachingDisabled": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    "Managed-CachingOptimizedForUncompressedObjects": "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
    "Managed-Elemental-MediaPackage": "08627262-05a9-4f76-9ded-b50ca2e3a84f",
    "Managed-Amplify": "2e54312d-136d-493c-8eb9-b001f22f67d2",
  },
  originRequest: {
    "Managed-AllViewer": "216adef6-5c7f-47e4-b989-5492eafa07d3",
    "Managed-AllViewerExceptHostHeader": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    "Managed-CORS-S3Origin": "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
    "Managed-CORS-CustomOrigin": "59781a5b-3903-41f3-afcb-af62929ccde1",
    "Managed-UserAgentRefererHeaders": "acba4595-bd28-49b8-b9fe-13317c0390fa",
  },
  responseHeaders: {
    "Managed-SecurityHeadersPolicy": "67f7725c-6f97-4210-82d7-5512b31e9d03",
    "Managed-CORS-and-SecurityHeadersPolicy": "e61eb60c-9c35-4d20-a928-2b84e02af89c",
    "Managed-CORS-with-preflight-and-SecurityHeadersPolicy": "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
    "Managed-CORS-With-Preflight": "5cc3b908-e619-4b99-88e5-2cf7f45965bd",
    "Managed-SimpleCORS": "60669652-455b-4ae9-85a4-c4c02393f86c",
  },
};

function cloudfrontPolicy(kind: string) {
  return (a: Args): Args => {
    const table = CLOUDFRONT_MANAGED[kind];
    const byId = Object.entries(table).find(([, id]) => id === a.id);
    const name = a.name ?? byId?.[0];
    const id = a.id ?? table[name];
    if (!id)
      throw new NotModelled(`no AWS managed ${kind} policy named "${name}" is known offline`);
    return { ...a, id, name, etag: `E${chars(id, 13, UPPER_ALNUM)}`, comment: "" };
  };
}

/** Paths of common AWS managed IAM policies (IAM, "AWS managed policies" reference). */
const MANAGED_POLICY_PATH: Record<string, string> = {
  AWSLambdaBasicExecutionRole: "service-role/",
  AWSLambdaVPCAccessExecutionRole: "service-role/",
  AmazonECSTaskExecutionRolePolicy: "service-role/",
  AmazonEC2ContainerServiceforEC2Role: "service-role/",
  AWSGlueServiceRole: "service-role/",
  AmazonSSMAutomationRole: "service-role/",
  AWSConfigRole: "service-role/",
  ViewOnlyAccess: "job-function/",
  DatabaseAdministrator: "job-function/",
  NetworkAdministrator: "job-function/",
};

/** The one AWS managed policy whose document is a fixed, well-known fact. */
const ADMIN_DOC = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

/** SSM public parameters whose value is an AMI id (AMIs from parameters, EC2 User Guide). */
const AMI_PARAMETER =
  /^\/aws\/service\/(ami-amazon-linux-latest|ami-windows-latest|canonical|debian|suse|bottlerocket|eks\/optimized-ami|ecs\/optimized-ami)\//;

function ssmParameter(a: Args, e: Resolved): Args {
  const name = String(a.name);
  if (!AMI_PARAMETER.test(name)) {
    throw new NotModelled(`the value of SSM parameter "${name}" cannot be known offline`);
  }
  const ami = ec2Id("ami", `${name}|${e.region.code}`);
  // ECS/EKS "recommended" parameters (not ".../image_id") hold a JSON document.
  const value = /\/recommended$/.test(name)
    ? JSON.stringify({
        image_id: ami,
        image_name: `offline-${hex(name, 8)}`,
        os: "Amazon Linux 2023",
        schema_version: 1,
      })
    : ami;
  return {
    ...a,
    id: name,
    name,
    arn: `arn:${e.partition.partition}:ssm:${e.region.code}::parameter${name}`,
    type: "String",
    value,
    insecureValue: value,
    version: 1,
    withDecryption: a.withDecryption ?? true,
  };
}

function kmsKey(a: Args, e: Resolved): Args {
  const ref = String(a.keyId);
  const managed = /^(arn:[^:]+:kms:[^:]*:\d*:)?alias\/aws\//.test(ref);
  const id = /^[0-9a-f-]{36}$/.test(ref)
    ? ref
    : (/key\/([0-9a-f-]{36})$/.exec(ref)?.[1] ?? uuid(`${ref}|${e.region.code}`));
  return {
    ...a,
    id,
    arn: `arn:${e.partition.partition}:kms:${e.region.code}:${e.accountId}:key/${id}`,
    awsAccountId: e.accountId,
    keyManager: managed ? "AWS" : "CUSTOMER",
    keyState: "Enabled",
    keyUsage: "ENCRYPT_DECRYPT",
    keySpec: "SYMMETRIC_DEFAULT",
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    enabled: true,
    origin: "AWS_KMS",
    multiRegion: false,
    creationDate: TIMESTAMP,
    description: managed
      ? `Default key that protects my ${ref.split("/").pop()} data when no other key is defined`
      : "",
  };
}

const arnOf = (e: Resolved, service: string, rest: string, region = e.region.code) =>
  `arn:${e.partition.partition}:${service}:${region}:${e.accountId}:${rest}`;

export const MISC_INVOKES: Record<string, (args: Args, env: Resolved) => Args> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (a, e) => ({
    ...a,
    id: e.accountId,
    accountId: e.accountId,
    arn: `arn:${e.partition.partition}:iam::${e.accountId}:user/offline-check`,
    userId: `AIDA${chars(e.accountId, 17, UPPER_ALNUM)}`,
  }),
  "aws:index/getRegion:getRegion": (a, e) => ({
    ...a,
    id: e.region.code,
    region: e.region.code,
    name: e.region.code,
    endpoint: `ec2.${e.region.code}.${e.partition.dnsSuffix}`,
    description: e.region.description,
  }),
  "aws:index/getRegions:getRegions": (a, e) => {
    let names = [...REGIONS.values()].filter((r) => r.partition === e.partition).map((r) => r.code);
    if (a.allRegions !== true) names = names.filter((n) => !OPT_IN.has(n) || n === e.region.code);
    for (const f of Array.isArray(a.filters) ? a.filters : []) {
      if (f.name === "region-name") names = names.filter((n) => f.values.includes(n));
      if (f.name === "opt-in-status") {
        names = names.filter((n) =>
          f.values.includes(
            OPT_IN.has(n)
              ? n === e.region.code
                ? "opted-in"
                : "not-opted-in"
              : "opt-in-not-required",
          ),
        );
      }
    }
    return { ...a, id: e.partition.partition, names };
  },
  "aws:index/getPartition:getPartition": (a, e) => ({
    ...a,
    id: e.partition.partition,
    ...e.partition,
  }),
  "aws:index/getDefaultTags:getDefaultTags": (a) => ({ ...a, id: "aws", tags: {} }),
  "aws:organizations/getOrganization:getOrganization": (a, e) => {
    const id = `o-${chars(e.accountId, 10, LOWER_ALNUM)}`;
    const root = `r-${chars(`${id}.root`, 4, LOWER_ALNUM)}`;
    const account = {
      id: e.accountId,
      arn: arnOf(e, "organizations", `account/${id}/${e.accountId}`, ""),
      email: "offline-check@example.com",
      name: "offline-check",
      status: "ACTIVE",
      state: "ACTIVE",
    };
    return {
      ...a,
      id,
      arn: arnOf(e, "organizations", `organization/${id}`, ""),
      featureSet: "ALL",
      masterAccountId: e.accountId,
      masterAccountArn: account.arn,
      masterAccountEmail: account.email,
      masterAccountName: account.name,
      roots: [
        {
          id: root,
          name: "Root",
          arn: arnOf(e, "organizations", `root/${id}/${root}`, ""),
          policyTypes: [],
        },
      ],
      accounts: [account],
      nonMasterAccounts: [],
      awsServiceAccessPrincipals: [],
      enabledPolicyTypes: [],
    };
  },
  "aws:route53/getZone:getZone": (a) => {
    const name = String(a.name ?? "example.com")
      .replace(/\.$/, "")
      .toLowerCase();
    const zoneId =
      a.zoneId ?? `Z${chars(`zone|${name}|${a.privateZone === true}`, 20, UPPER_ALNUM)}`;
    const n = (i: number) => (parseInt(hex(`${zoneId}.ns${i}`, 4), 16) % 2048) + 1;
    const ns = [".com", ".net", ".org", ".co.uk"].map(
      (tld, i) => `ns-${n(i)}.awsdns-${n(i) % 64}${tld}`,
    );
    return {
      ...a,
      id: zoneId,
      zoneId,
      name,
      arn: `arn:aws:route53:::hostedzone/${zoneId}`,
      privateZone: a.privateZone === true,
      nameServers: ns,
      primaryNameServer: ns[0],
      callerReference: uuid(zoneId),
      comment: "",
      resourceRecordSetCount: 2,
      linkedServiceDescription: "",
      linkedServicePrincipal: "",
      tags: a.tags ?? {},
    };
  },
  "aws:ssm/getParameter:getParameter": ssmParameter,
  "aws:kms/getKey:getKey": kmsKey,
  "aws:kms/getAlias:getAlias": (a, e) => {
    const target = uuid(`${a.name}|${e.region.code}`);
    return {
      ...a,
      id: arnOf(e, "kms", a.name),
      arn: arnOf(e, "kms", a.name),
      targetKeyId: target,
      targetKeyArn: arnOf(e, "kms", `key/${target}`),
    };
  },
  "aws:acm/getCertificate:getCertificate": (a, e) => {
    const arn = arnOf(e, "acm", `certificate/${uuid(`${a.domain}|${e.region.code}`)}`);
    return {
      ...a,
      id: arn,
      arn,
      status: "ISSUED",
      certificate: "",
      certificateChain: "",
      tags: {},
    };
  },
  "aws:iam/getRole:getRole": (a, e) => ({
    ...a,
    id: a.name,
    arn: `arn:${e.partition.partition}:iam::${e.accountId}:role/${a.name}`,
    uniqueId: `AROA${chars(String(a.name), 17, UPPER_ALNUM)}`,
    path: "/",
    // Another role's trust policy cannot be known offline.
    assumeRolePolicy: UNKNOWN,
    createDate: TIMESTAMP,
    description: "",
    maxSessionDuration: 3600,
    permissionsBoundary: "",
    roleLastUseds: [],
    tags: {},
  }),
  "aws:iam/getPolicy:getPolicy": (a, e) => {
    const name =
      a.name ??
      String(a.arn ?? "")
        .split("/")
        .pop();
    const path = `/${MANAGED_POLICY_PATH[name] ?? ""}`;
    const arn = a.arn ?? `arn:${e.partition.partition}:iam::aws:policy${path}${name}`;
    return {
      ...a,
      id: arn,
      arn,
      name,
      path,
      policyId: `ANPA${chars(arn, 17, UPPER_ALNUM)}`,
      description: "",
      attachmentCount: 0,
      // Only AdministratorAccess has a document known without asking IAM.
      policy: name === "AdministratorAccess" ? ADMIN_DOC : UNKNOWN,
      tags: {},
    };
  },
  "aws:elb/getServiceAccount:getServiceAccount": (a, e) => {
    const region = a.region ?? e.region.code;
    const id = ELB_ACCOUNT[region];
    if (!id) {
      throw new Error(
        `getServiceAccount: region ${region} has no Elastic Load Balancing account; grant the service principal logdelivery.elasticloadbalancing.amazonaws.com instead`,
      );
    }
    return { ...a, id, arn: `arn:${e.partition.partition}:iam::${id}:root` };
  },
  "aws:cloudfront/getCachePolicy:getCachePolicy": cloudfrontPolicy("cache"),
  "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy": cloudfrontPolicy("originRequest"),
  "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy":
    cloudfrontPolicy("responseHeaders"),
};
