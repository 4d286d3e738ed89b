// The @pulumi/aws-native types that watch and filter a VPC's and an edge's traffic, read as their
// classic twins (see ./twins.ts) for the advisory rules on flow logs, endpoint policies and WAFv2:
// - AWS::EC2::FlowLog ResourceId and ResourceType (VPC, Subnet, NetworkInterface, TransitGateway,
//   TransitGatewayAttachment, RegionalNatGateway) name what it logs, where the classic flow log has
//   one property per kind (vpcId, subnetId, eniId ...); TrafficType keeps its name
//   (sdk/nodejs/ec2/flowLog.ts; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-flowlog.html);
// - AWS::EC2::VPCEndpoint PolicyDocument (a JSON object, or a string) is the classic policy;
//   VpcEndpointType (default Gateway in both), ServiceName and VpcId keep their names
//   (sdk/nodejs/ec2/vpcEndpoint.ts, `VPCEndpoint` in 0.67.0's ec2/vpcendpoint.d.ts);
// - AWS::WAFv2::WebACL Rules [{ Name, Statement { ManagedRuleGroupStatement { VendorName, Name },
//   RateBasedStatement }, Action { Count ... }, OverrideAction { Count, None }, VisibilityConfig }]
//   keep the classic inline rules' names but for VisibilityConfig's CloudWatchMetricsEnabled,
//   camelCased cloudWatchMetricsEnabled where the classic provider spells cloudwatchMetricsEnabled
//   (sdk/nodejs/wafv2/webAcl.ts, `WebACL` in 0.67.0; types/input.ts WebAclVisibilityConfigArgs);
//   AWS::WAFv2::LoggingConfiguration ResourceArn and LogDestinationConfigs keep theirs.
// - AWS::ElasticLoadBalancing::LoadBalancer (a Classic Load Balancer) CrossZone is the classic
//   crossZoneLoadBalancing, whose provider default is true where the API's is false ("With the API
//   or CLI, cross-zone load balancing is disabled by default",
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html),
//   so a native balancer that leaves it out reads false; AccessLoggingPolicy { Enabled,
//   S3BucketName } is the classic accessLogs { enabled, bucket }; Listeners [{ Protocol,
//   LoadBalancerPort, InstanceProtocol, SSLCertificateId }] the classic listeners [{ lbProtocol,
//   lbPort, instanceProtocol, sslCertificateId }] (0.67.0 spells it sSLCertificateId), Scheme and SecurityGroups the classic internal and
//   securityGroups (sdk/nodejs/elasticloadbalancing/loadBalancer.ts).
import * as t from "../types";
import * as n from "./types";
import type { NestedTwin, Twin } from "./twins";
import { classicBlock, classicBlocks } from "./classic-props";
import { spelledEither } from "./spelling";
import { asList } from "../values";

/**
 * An AWS::EC2::FlowLog's ResourceId as the classic vpcId when its ResourceType is VPC; a flow log
 * of a subnet, interface or gateway names no VPC. ResourceType is read first, so a subnet's id
 * unknown at preview leaves vpcId unset rather than unknown.
 */
const flowLogVpc = {
  from: "resourceType",
  deps: ["resourceId"],
  map: (type: unknown, p: any) => (type === "VPC" ? p.resourceId : undefined),
};

/** A WAFv2 visibilityConfig with cloudWatchMetricsEnabled as the classic cloudwatchMetricsEnabled. */
function visibility(v: any): unknown {
  if (v === undefined || v === null || typeof v !== "object") return v;
  return new Proxy(v, {
    get: (target, key) =>
      key === "cloudwatchMetricsEnabled" ? target.cloudWatchMetricsEnabled : target[key],
  });
}

/** A native web ACL's rules, each with its visibilityConfig as the classic one (`visibility`). */
function wafRules(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return asList(v).map((r: any) =>
    r === undefined || r === null || typeof r !== "object"
      ? r
      : new Proxy(r, {
          get: (target, key) =>
            key === "visibilityConfig" ? visibility(target.visibilityConfig) : target[key],
        }),
  );
}

/**
 * A Classic Load Balancer's accessLoggingPolicy as the classic accessLogs { bucket, enabled }:
 * s3BucketName read as bucket, with its raw descriptor, which `present` reads.
 */
const ACCESS_LOGS: NestedTwin = { rename: { bucket: "s3BucketName" } };

/**
 * A Classic Load Balancer listener as the classic one: lbProtocol and lbPort are Protocol and
 * LoadBalancerPort; sslCertificateId is SSLCertificateId as 1.x and 0.126.0 spell it, or as
 * 0.67.0 does (`sSLCertificateId`, types/input.d.ts LoadBalancerListenersArgs). Each with its raw
 * descriptor, which `present` reads.
 */
const LISTENER: NestedTwin = {
  rename: { lbProtocol: "protocol", lbPort: "loadBalancerPort" },
  derive: { sslCertificateId: spelledEither("sslCertificateId", "sSLCertificateId") },
};

const WEB_ACL: Twin = {
  classic: t.WAFV2_WEB_ACL,
  derive: {
    rules: { from: "rules", map: wafRules },
    visibilityConfig: { from: "visibilityConfig", map: visibility },
  },
};

const VPC_ENDPOINT: Twin = { classic: t.EC2_VPC_ENDPOINT, rename: { policy: "policyDocument" } };

export const TRAFFIC_TWINS: [string, Twin][] = [
  [
    n.NATIVE_EC2_FLOW_LOG,
    {
      classic: t.EC2_FLOW_LOG,
      derive: { vpcId: flowLogVpc },
      says: { vpcId: "resourceId" },
    },
  ],
  [n.NATIVE_EC2_VPC_ENDPOINT, VPC_ENDPOINT],
  [n.NATIVE_EC2_VPC_ENDPOINT_V0, VPC_ENDPOINT],
  [n.NATIVE_WAFV2_WEB_ACL, WEB_ACL],
  [n.NATIVE_WAFV2_WEB_ACL_V0, WEB_ACL],
  [n.NATIVE_WAFV2_LOGGING_CONFIGURATION, { classic: t.WAFV2_WEB_ACL_LOGGING_CONFIGURATION }],
  [
    n.NATIVE_ELB_LOAD_BALANCER,
    {
      classic: t.ELB_LOAD_BALANCER,
      rename: { name: "loadBalancerName" },
      derive: {
        // Left out, it reads false but is not written (no own property): the rule then says it
        // is not set rather than false.
        crossZoneLoadBalancing: { from: "crossZone", map: (v: unknown) => v ?? false },
        // Scheme "internal" (default internet-facing) is the classic internal, read by the
        // security-group rules that let an internet-facing balancer's group open its ports.
        internal: {
          from: "scheme",
          map: (v: unknown) => (v === undefined || v === null ? false : v === "internal"),
        },
        accessLogs: { from: "accessLoggingPolicy", map: classicBlock(ACCESS_LOGS) },
        listeners: { from: "listeners", map: classicBlocks(LISTENER) },
      },
      says: {
        crossZoneLoadBalancing: "crossZone",
        accessLogs: "accessLoggingPolicy",
        bucket: "s3BucketName",
      },
    },
  ],
];
