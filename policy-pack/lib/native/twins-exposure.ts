// The @pulumi/aws-native types judged by the pack's exposure and container rules whose
// CloudFormation properties carry the names the classic rules read, so each twin is the classic
// type alone (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts; CloudFormation template
// reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/):
// - PubliclyAccessible: AWS::Lightsail::Database, AWS::M2::Environment,
//   AWS::Timestream::InfluxDBInstance and InfluxDBCluster (sdk/nodejs/timestream/influxDbInstance.ts);
// - AWS::DRS::ReplicationConfigurationTemplate CreatePublicIp
//   (sdk/nodejs/drs/replicationConfigurationTemplate.ts), AWS::AppStream::Fleet and ImageBuilder
//   EnableDefaultInternetAccess, AWS::EC2::SnapshotBlockPublicAccess State ("block-all-sharing",
//   "block-new-sharing", "unblocked");
// - AWS::ECR::PublicRepository (sdk/nodejs/ecr/publicRepository.ts): its images are public whatever
//   its properties say, as an aws.ecrpublic.Repository's are;
// - AWS::S3::AccessPoint PublicAccessBlockConfiguration { BlockPublicAcls, IgnorePublicAcls,
//   BlockPublicPolicy, RestrictPublicBuckets }, VpcConfiguration and Policy (a JSON object; the
//   pack's document parser takes objects and strings), AWS::ApiGateway::RestApi Policy;
// - AWS::Batch::JobDefinition ContainerProperties, NodeProperties { NodeRangeProperties
//   [{ Container }] }, EcsProperties { TaskProperties [{ Containers }] } and EksProperties
//   { PodProperties { Containers [{ SecurityContext { Privileged } }] } }: typed objects where the
//   classic job definition takes JSON strings (the rule parses either), each container's
//   Privileged as privileged;
// - AWS::ApiGateway::Method AuthorizationType and RestApiId (the classic authorization and
//   restApi), AWS::ApiGatewayV2::Route and Api with the classic names (routeKey,
//   authorizationType, apiKeyRequired, apiId, protocolType);
// - AWS::WAFv2::WebACLAssociation ResourceArn and WebACLArn (sdk/nodejs/wafv2/webAclAssociation.ts:
//   resourceArn, webAclArn), the classic names: the WAF rules find a load balancer's or a stage's
//   association by the reference to it;
// - AWS::EC2::VPCEndpointService AcceptanceRequired, and AWS::EC2::VPCEndpointServicePermissions
//   (sdk/nodejs/ec2/vpcEndpointServicePermissions.ts: serviceId, allowedPrincipals, a list) as the
//   classic single-principal grant of that service, its principal "*" when the list holds "*".
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList } from "../values";

/** allowedPrincipals as one principalArn: "*" when any entry is "*", else the first. */
function principalOf(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  const all = asList<unknown>(v);
  return all.find((p) => String(p).trim() === "*") ?? all[0];
}

export const EXPOSURE_TWINS: [string, Twin][] = [
  [n.NATIVE_LIGHTSAIL_DATABASE, { classic: t.LIGHTSAIL_DATABASE }],
  [n.NATIVE_M2_ENVIRONMENT, { classic: t.M2_ENVIRONMENT }],
  [n.NATIVE_TIMESTREAM_INFLUXDB_INSTANCE, { classic: t.TIMESTREAM_INFLUXDB_INSTANCE }],
  [n.NATIVE_TIMESTREAM_INFLUXDB_CLUSTER, { classic: t.TIMESTREAM_INFLUXDB_CLUSTER }],
  [
    n.NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE,
    { classic: t.DRS_REPLICATION_CONFIGURATION_TEMPLATE },
  ],
  [n.NATIVE_APPSTREAM_FLEET, { classic: t.APPSTREAM_FLEET }],
  [n.NATIVE_APPSTREAM_IMAGE_BUILDER, { classic: t.APPSTREAM_IMAGE_BUILDER }],
  [n.NATIVE_EC2_SNAPSHOT_BLOCK_PUBLIC_ACCESS, { classic: t.EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS }],
  [n.NATIVE_ECR_PUBLIC_REPOSITORY, { classic: t.ECRPUBLIC_REPOSITORY }],
  [n.NATIVE_S3_ACCESS_POINT, { classic: t.S3_ACCESS_POINT }],
  // AWS::ApiGateway::RestApi Body, the OpenAPI definition: a JSON object in the SDK, a string in the
  // classic RestApi (which apigateway-rest-api-request-validation searches).
  [
    n.NATIVE_APIGATEWAY_REST_API,
    {
      classic: t.APIGATEWAY_REST_API,
      derive: {
        body: {
          from: "body",
          map: (v: unknown) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v),
        },
      },
    },
  ],
  [n.NATIVE_BATCH_JOB_DEFINITION, { classic: t.BATCH_JOB_DEFINITION }],
  [
    n.NATIVE_APIGATEWAY_METHOD,
    {
      classic: t.APIGATEWAY_METHOD,
      rename: { authorization: "authorizationType", restApi: "restApiId" },
      says: { authorization: "authorizationType" },
    },
  ],
  [n.NATIVE_APIGATEWAYV2_API, { classic: t.APIGATEWAYV2_API }],
  // AWS::ApiGateway::Stage: cacheClusterEnabled, stageName and its methodSettings inline
  // ([{ resourcePath, httpMethod, cachingEnabled, cacheDataEncrypted }]); restApiId the restApi,
  // AccessLogSetting { DestinationArn, Format } the accessLogSettings, TracingEnabled the
  // xrayTracingEnabled.
  [
    n.NATIVE_APIGATEWAY_STAGE,
    {
      classic: t.APIGATEWAY_STAGE,
      rename: {
        restApi: "restApiId",
        accessLogSettings: "accessLogSetting",
        xrayTracingEnabled: "tracingEnabled",
      },
    },
  ],
  [n.NATIVE_APIGATEWAYV2_ROUTE, { classic: t.APIGATEWAYV2_ROUTE }],
  [n.NATIVE_WAFV2_WEB_ACL_ASSOCIATION, { classic: t.WAFV2_WEB_ACL_ASSOCIATION }],
  [n.NATIVE_EC2_VPC_ENDPOINT_SERVICE, { classic: t.EC2_VPC_ENDPOINT_SERVICE }],
  [
    n.NATIVE_EC2_VPC_ENDPOINT_SERVICE_PERMISSIONS,
    {
      classic: t.EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE,
      rename: { vpcEndpointServiceId: "serviceId" },
      derive: { principalArn: { from: "allowedPrincipals", map: principalOf } },
      says: { principalArn: "allowedPrincipals" },
    },
  ],
];
