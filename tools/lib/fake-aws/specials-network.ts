// Hand-written outputs of the network and edge types, where a generic value would be wrong in a
// way a program or a policy notices (DNS names, hosted zones, ids with their real shapes).
import {
  chars,
  DIGITS,
  hex,
  LOWER_ALNUM,
  privateIp,
  publicIp,
  TIMESTAMP,
  UPPER_ALNUM,
  uuid,
} from "./hash";
import { ec2Id, lastSegment } from "./arns";
import { UNKNOWN } from "./env";
import type { Special, Base } from "./special";

/**
 * Canonical hosted zone ids of Application/Classic Load Balancers per region (AWS General
 * Reference, "Elastic Load Balancing endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/elb.html,
 * as copied into public Route 53 alias code); other regions get a made-up "Z…" id.
 */
const ALB_ZONE: Record<string, string> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
  "ca-central-1": "ZQSVJUPU6J1EY",
  "eu-central-1": "Z215JYRZR1TBD5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-west-2": "ZHURV8PSTC4K8",
  "eu-west-3": "Z3Q77PNBQS71R4",
  "eu-north-1": "Z23TAZ6LKFMNIO",
  "ap-northeast-1": "Z14GRHDCWA56QT",
  "ap-northeast-2": "ZWKZPGTI48KDX",
  "ap-northeast-3": "Z5LXEXXYW11ES",
  "ap-southeast-1": "Z1LMS91P8CMLE5",
  "ap-southeast-2": "Z1GM3OXH4ZPM65",
  "ap-south-1": "ZP97RAFLXTNZK",
  "sa-east-1": "Z2P70J7HTTTPLU",
  "cn-north-1": "Z3BX2TMKNYI13Y",
  "cn-northwest-1": "Z3BX2TMKNYI13Y",
};
/** Network Load Balancer zones (same source). */
const NLB_ZONE: Record<string, string> = {
  "us-east-1": "Z26RNL4JYFTOTI",
  "eu-central-1": "Z3F0SRJ5LGBH90",
  "eu-west-1": "Z2IFOLAFXWLO4F",
  "eu-west-2": "ZD4D7Y8KGAS4G",
  "eu-west-3": "Z1CMS0P5QUZ6D5",
  "eu-north-1": "Z1UDT6IFJ4EJM",
  "sa-east-1": "ZTK26PT1VY4CU",
  "cn-north-1": "Z3QFB96KMJ7ED6",
  "cn-northwest-1": "ZQEIKTCZ8352D",
};
/** CloudFront's hosted zone id, the same for every distribution (CloudFront API, AliasTarget). */
export const CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

const zone = (table: Record<string, string>, b: Base) =>
  table[b.region.code] ?? `Z${chars(`${b.region.code}.zone`, 13, UPPER_ALNUM)}`;

/** `ip-10-1-2-3.<region>.compute.internal` (`ec2.internal` in us-east-1), as EC2 names hosts. */
function privateDns(ip: string, region: string): string {
  const domain = region === "us-east-1" ? "ec2.internal" : `${region}.compute.internal`;
  return `ip-${ip.replace(/\./g, "-")}.${domain}`;
}

function publicDns(ip: string, b: Base): string {
  const domain = b.region.code === "us-east-1" ? "compute-1" : `${b.region.code}.compute`;
  return `ec2-${ip.replace(/\./g, "-")}.${domain}.${b.partition.dnsSuffix}`;
}

const lbKind = (b: Base) =>
  b.inputs.loadBalancerType === "network"
    ? "net"
    : b.inputs.loadBalancerType === "gateway"
      ? "gwy"
      : "app";

/** `app/<name>/<16 hex>`: the ARN suffix an ELBv2 load balancer gets. */
const lbSuffix = (b: Base) => `${lbKind(b)}/${b.physical}/${hex(b.seed, 16)}`;
const elbArn = (b: Base, rest: string) =>
  `arn:${b.partition.partition}:elasticloadbalancing:${b.region.code}:${b.account}:${rest}`;

const loadBalancer: Special = {
  id: (b) => elbArn(b, `loadbalancer/${lbSuffix(b)}`),
  arn: (_b, id) => id,
  state: (b) => {
    const internal = b.inputs.internal === true ? "internal-" : "";
    const host =
      lbKind(b) === "app"
        ? `${internal}${b.physical}-${chars(b.seed, 10, DIGITS)}.${b.region.code}.elb.${b.partition.dnsSuffix}`
        : `${internal}${b.physical}-${hex(b.seed, 16)}.elb.${b.region.code}.${b.partition.dnsSuffix}`;
    return {
      arnSuffix: lbSuffix(b),
      dnsName: host.toLowerCase(),
      zoneId: zone(lbKind(b) === "net" ? NLB_ZONE : ALB_ZONE, b),
      vpcId: b.inputs.vpcId ?? ec2Id("vpc", `${b.seed}.vpc`),
    };
  },
};

const targetGroup: Special = {
  id: (b) => elbArn(b, `targetgroup/${b.physical}/${hex(b.seed, 16)}`),
  arn: (_b, id) => id,
  state: (b) => ({
    arnSuffix: `targetgroup/${b.physical}/${hex(b.seed, 16)}`,
    loadBalancerArns: [],
  }),
};

/** A listener's ARN extends its load balancer's: `listener/app/<lb>/<lb id>/<16 hex>`. */
const listener: Special = {
  id: (b) => {
    const lb = String(b.inputs.loadBalancerArn ?? "");
    if (lb === UNKNOWN) return UNKNOWN;
    const parent = /:loadbalancer\/(.+)$/.exec(lb)?.[1] ?? `app/lb/${hex(`${b.seed}.lb`, 16)}`;
    return elbArn(b, `listener/${parent}/${hex(b.seed, 16)}`);
  },
  arn: (_b, id) => id,
};

const instance: Special = {
  state: (b, id) => {
    const ip = b.inputs.privateIp ?? privateIp(b.seed);
    const pub = b.inputs.associatePublicIpAddress === true ? publicIp(b.seed) : "";
    return {
      privateIp: ip,
      privateDns: privateDns(ip, b.region.code),
      publicIp: pub,
      publicDns: pub && publicDns(pub, b),
      primaryNetworkInterfaceId: ec2Id("eni", `${b.seed}.eni`),
      instanceState: "running",
      arn: `arn:${b.partition.partition}:ec2:${b.region.code}:${b.account}:instance/${id}`,
    };
  },
};

const vpc: Special = {
  state: (b) => {
    const rtb = ec2Id("rtb", `${b.seed}.main`);
    return {
      defaultSecurityGroupId: ec2Id("sg", `${b.seed}.sg`),
      defaultRouteTableId: rtb,
      mainRouteTableId: rtb,
      defaultNetworkAclId: ec2Id("acl", `${b.seed}.acl`),
      dhcpOptionsId: ec2Id("dopt", `${b.seed}.dopt`),
      enableDnsSupport: b.inputs.enableDnsSupport ?? true,
      instanceTenancy: b.inputs.instanceTenancy ?? "default",
    };
  },
};

const subnet: Special = {
  state: (b) => {
    const az = b.inputs.availabilityZone ?? b.region.zones[0].name;
    const zoneId = b.region.zones.find((z) => z.name === az)?.zoneId ?? b.region.zones[0].zoneId;
    return { availabilityZone: az, availabilityZoneId: zoneId };
  },
};

const eip: Special = {
  state: (b, id) => {
    const ip = publicIp(b.seed);
    return {
      allocationId: id,
      publicIp: ip,
      publicDns: publicDns(ip, b),
      domain: b.inputs.domain ?? "vpc",
      privateIp: "",
      associationId: "",
    };
  },
};

const natGateway: Special = {
  state: (b) => ({
    publicIp: b.inputs.connectivityType === "private" ? "" : publicIp(b.seed),
    privateIp: privateIp(b.seed),
    networkInterfaceId: ec2Id("eni", `${b.seed}.eni`),
    allocationId: b.inputs.allocationId ?? "",
  }),
};

const vpcEndpoint: Special = {
  state: (b, id) => {
    const service = String(b.inputs.serviceName ?? `com.amazonaws.${b.region.code}.s3`);
    const short = service.split(".").slice(3).join(".");
    const type = b.inputs.vpcEndpointType ?? "Gateway";
    if (type !== "Interface") {
      return {
        vpcEndpointType: type,
        prefixListId: `pl-${hex(`${service}.pl`, 8)}`,
        cidrBlocks: ["52.218.0.0/17"],
        dnsEntries: [],
        networkInterfaceIds: [],
        state: "available",
      };
    }
    const subnets: unknown[] = Array.isArray(b.inputs.subnetIds) ? b.inputs.subnetIds : [];
    const host = `${id}-${chars(b.seed, 8, LOWER_ALNUM)}.${short}.${b.region.code}.vpce.${b.partition.dnsSuffix}`;
    return {
      vpcEndpointType: type,
      dnsEntries: [{ dnsName: host, hostedZoneId: `Z${chars(`${b.seed}.z`, 13, UPPER_ALNUM)}` }],
      networkInterfaceIds: subnets.map((_, i) => ec2Id("eni", `${b.seed}.eni${i}`)),
      cidrBlocks: [],
      prefixListId: "",
      state: "available",
    };
  },
};

const instanceConnectEndpoint: Special = {
  state: (b, id) => ({
    dnsName: `${id}.ec2-instance-connect-endpoint.${b.region.code}.${b.partition.dnsSuffix}`,
    fipsDnsName: `${id}.fips.ec2-instance-connect-endpoint.${b.region.code}.${b.partition.dnsSuffix}`,
  }),
};

/** CloudFront ids: "E" and 13 upper-case letters or digits (the API's Id examples). */
const cloudfrontId = (b: Base) => `E${chars(b.seed, 13, UPPER_ALNUM)}`;

const distribution: Special = {
  id: cloudfrontId,
  arn: (b, id) => `arn:${b.partition.partition}:cloudfront::${b.account}:distribution/${id}`,
  state: (b) => ({
    domainName: `d${chars(b.seed, 13, LOWER_ALNUM)}.cloudfront.net`,
    hostedZoneId: CLOUDFRONT_ZONE,
    status: "Deployed",
    etag: `E${chars(`${b.seed}.etag`, 13, UPPER_ALNUM)}`,
    callerReference: `terraform-${"202601010000000000"}${hex(b.seed, 8)}`,
    lastModifiedTime: TIMESTAMP,
    inProgressValidationBatches: 0,
  }),
};

const cloudfrontPolicy: Special = { id: (b) => uuid(b.seed) };
const originAccess: Special = { id: cloudfrontId };

/** Route 53 zone ids: "Z" and up to 32 upper-case letters or digits; new zones have 21. */
const hostedZone: Special = {
  id: (b) => `Z${chars(b.seed, 20, UPPER_ALNUM)}`,
  arn: (b, id) => `arn:${b.partition.partition}:route53:::hostedzone/${id}`,
  state: (b, id) => {
    const n = (i: number) => (parseInt(hex(`${b.seed}.ns${i}`, 4), 16) % 2048) + 1;
    return {
      zoneId: id,
      nameServers: [
        `ns-${n(0)}.awsdns-${n(0) % 64}.com`,
        `ns-${n(1)}.awsdns-${n(1) % 64}.net`,
        `ns-${n(2)}.awsdns-${n(2) % 64}.org`,
        `ns-${n(3)}.awsdns-${n(3) % 64}.co.uk`,
      ],
      primaryNameServer: `ns-${n(0)}.awsdns-${n(0) % 64}.com`,
    };
  },
};

const record: Special = {
  id: (b) => `${lastSegment(String(b.inputs.zoneId ?? ""))}_${b.inputs.name}_${b.inputs.type}`,
  state: (b) => ({ fqdn: String(b.inputs.name ?? "").replace(/\.$/, "") }),
};

const certificate: Special = {
  id: (b) =>
    `arn:${b.partition.partition}:acm:${b.region.code}:${b.account}:certificate/${uuid(b.seed)}`,
  arn: (_b, id) => id,
  state: (b) => {
    const names = [b.inputs.domainName, ...(b.inputs.subjectAlternativeNames ?? [])].filter(
      (n): n is string => typeof n === "string",
    );
    return {
      status: "ISSUED",
      domainValidationOptions: names.map((d) => ({
        domainName: d,
        resourceRecordName: `_${hex(`${b.seed}.${d}`, 32)}.${d.replace(/^\*\./, "")}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hex(`${b.seed}.${d}.v`, 32)}.${chars(d, 10, "abcdefghijklmnopqrstuvwxyz")}.acm-validations.aws.`,
      })),
      validationEmails: [],
      notAfter: "2027-01-01T00:00:00Z",
      notBefore: TIMESTAMP,
    };
  },
};

/** API Gateway ids: 10 lower-case letters or digits; execute-api hosts and ARNs from them. */
const restApi: Special = {
  id: (b) => chars(b.seed, 10, LOWER_ALNUM),
  state: (b, id) => ({
    rootResourceId: chars(`${b.seed}.root`, 10, LOWER_ALNUM),
    executionArn: `arn:${b.partition.partition}:execute-api:${b.region.code}:${b.account}:${id}`,
    createdDate: TIMESTAMP,
  }),
};

/**
 * A REST API deployment's `invokeUrl` and `executionArn`, which @pulumi/aws 6 and older declare
 * and 7 no longer does (the Terraform provider deprecated both in 5.95.0 "Use the invoke_url and
 * execution_arn attributes of the aws_api_gateway_stage resource instead", hashicorp/
 * terraform-provider-aws#42244, and removed them in 6.0, which @pulumi/aws 7 builds on). A
 * program of an older major reads them, often inside `apply` to make more resources: given in
 * the format that provider computed them (the stage part empty without a `stageName`), as extra
 * outputs that a program of the current major never reads.
 */
const restDeployment: Special = {
  state: (b) => {
    const api = b.inputs.restApi;
    if (typeof api !== "string" || api === UNKNOWN) return {};
    const stage = typeof b.inputs.stageName === "string" ? b.inputs.stageName : "";
    return {
      invokeUrl: `https://${api}.execute-api.${b.region.code}.${b.partition.dnsSuffix}/${stage}`,
      executionArn: `arn:${b.partition.partition}:execute-api:${b.region.code}:${b.account}:${api}/${stage}`,
    };
  },
};

const httpApi: Special = {
  id: (b) => chars(b.seed, 10, LOWER_ALNUM),
  state: (b, id) => ({
    apiEndpoint: `${b.inputs.protocolType === "WEBSOCKET" ? "wss" : "https"}://${id}.execute-api.${b.region.code}.${b.partition.dnsSuffix}`,
    executionArn: `arn:${b.partition.partition}:execute-api:${b.region.code}:${b.account}:${id}`,
  }),
};

export const NETWORK_SPECIALS: Record<string, Special> = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
  "aws:lb/listener:Listener": listener,
  "aws:alb/listener:Listener": listener,
  "aws:ec2/instance:Instance": instance,
  "aws:ec2/vpc:Vpc": vpc,
  "aws:ec2/subnet:Subnet": subnet,
  "aws:ec2/eip:Eip": eip,
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": instanceConnectEndpoint,
  "aws:cloudfront/distribution:Distribution": distribution,
  "aws:cloudfront/cachePolicy:CachePolicy": cloudfrontPolicy,
  "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": cloudfrontPolicy,
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": cloudfrontPolicy,
  "aws:cloudfront/originAccessControl:OriginAccessControl": originAccess,
  "aws:cloudfront/originAccessIdentity:OriginAccessIdentity": originAccess,
  "aws:route53/zone:Zone": hostedZone,
  "aws:route53/record:Record": record,
  "aws:acm/certificate:Certificate": certificate,
  "aws:apigateway/restApi:RestApi": restApi,
  "aws:apigateway/deployment:Deployment": restDeployment,
  "aws:apigatewayv2/api:Api": httpApi,
};
