// @pulumi/aws-native service settings the advisory rules read, as their classic twins (see
// ./twins.ts). Property names from the SDK (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts
// and types/input.ts), CloudFormation's camelCased:
// - AWS::EFS::AccessPoint RootDirectory { Path } and PosixUser { Uid, Gid } keep the classic names;
//   its tags are AccessPointTags;
// - AWS::RAM::ResourceShare AllowExternalPrincipals: "The default value is true" (the SDK's and
//   CloudFormation's description), where the classic provider sends false when it is left out, so
//   the view reads a share that leaves it out as allowing external principals;
// - AWS::CodeBuild::SourceCredential AuthType, AWS::QuickSight::DataSource SslProperties
//   { DisableSsl }, AWS::EMR::Cluster LogUri and SecurityConfiguration (0.67.0 only) and
//   AWS::Config::ConfigurationRecorder RecordingGroup { AllSupported } (0.67.0 only) keep them;
// - AWS::Config::ConfigurationAggregator AccountAggregationSources [{ AllAwsRegions }] (a list) and
//   OrganizationAggregationSource { AllAwsRegions } are the classic accountAggregationSource and
//   organizationAggregationSource { allRegions };
// - AWS::MSK::Cluster ClientAuthentication { Unauthenticated { Enabled }, Sasl { Iam { Enabled },
//   Scram { Enabled } }, Tls { CertificateAuthorityArnList, Enabled } } is the classic
//   clientAuthentication { unauthenticated, sasl { iam, scram }, tls { certificateAuthorityArns } }
//   (`mskClientAuthentication`, read by the MSK twin in ./twins-workloads.ts).
// - AWS::EC2::InstanceConnectEndpoint SecurityGroupIds keeps its name;
// - AWS::SSM::Document Content, DocumentType and DocumentFormat keep theirs (sdk/nodejs/ssm/document.ts,
//   1.x and 0.x), Content a JSON object or text, both of which the Session preferences reader takes;
// - AWS::ElasticBeanstalk::Environment OptionSettings [{ Namespace, OptionName, Value }] is the
//   classic setting list [{ namespace, name, value }] (an option left out is Elastic Beanstalk's
//   default in both);
// - AWS::DocDB::DBClusterParameterGroup Parameters, a JSON map from parameter name to value, and
//   AWS::Redshift::ClusterParameterGroup Parameters [{ ParameterName, ParameterValue }] are the
//   classic parameters [{ name, value }], Redshift's ParameterGroupName the classic name
//   (sdk/nodejs/docdb/dbClusterParameterGroup.ts,
//   `DBClusterParameterGroup` in 0.67.0; sdk/nodejs/redshift/clusterParameterGroup.ts).
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList, flagValue, flagOn } from "../values";
import { mapAsList } from "./json-map";
import { renamedBlock, renamedBlocks } from "./classic-props";

/** An MSK cluster's clientAuthentication, each method's `enabled` as the classic flag. */
export function mskClientAuthentication(v: any): unknown {
  if (v === undefined || v === null) return v;
  const on = (m: any): unknown => (m === undefined || m === null ? m : m.enabled);
  return {
    get unauthenticated() {
      return on(v.unauthenticated);
    },
    get sasl() {
      const sasl = v.sasl;
      if (sasl === undefined || sasl === null) return sasl;
      return {
        get iam() {
          return on(sasl.iam);
        },
        get scram() {
          return on(sasl.scram);
        },
      };
    },
    get tls() {
      const tls = v.tls;
      if (tls === undefined || tls === null) return tls;
      return {
        // TLS turned off names no authority, whatever the list holds.
        get certificateAuthorityArns() {
          return flagValue(tls.enabled) === false ? [] : tls.certificateAuthorityArnList;
        },
      };
    },
  };
}

/** Every account aggregation source's allAwsRegions, as the classic source's allRegions. */
function accountSources(v: unknown): unknown {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return {
    get allRegions() {
      return asList(v).every((s: any) => flagOn(s?.allAwsRegions));
    },
  };
}

/** An organization aggregation source's allAwsRegions as the classic allRegions. */
const organizationSource = renamedBlock({ allRegions: "allAwsRegions" });

/** A Beanstalk environment's optionSettings as the classic settings [{ namespace, name, value }]. */
const beanstalkSettings = renamedBlocks({
  namespace: "namespace",
  name: "optionName",
  value: "value",
});

/** A DocumentDB parameter map ({ tls: "disabled" }) as the classic [{ name, value }]. */
const parameterMap = (v: unknown): unknown =>
  mapAsList(v, (name, value) => ({
    name,
    get value() {
      return value();
    },
  }));

/** Redshift [{ parameterName, parameterValue }] as the classic [{ name, value }]. */
const parameterList = renamedBlocks({ name: "parameterName", value: "parameterValue" });

const DOCDB_PARAMETER_GROUP: Twin = {
  classic: t.DOCDB_CLUSTER_PARAMETER_GROUP,
  derive: { parameters: { from: "parameters", map: parameterMap } },
};

export const SETTINGS_TWINS: [string, Twin][] = [
  [n.NATIVE_SSM_DOCUMENT, { classic: t.SSM_DOCUMENT }],
  [n.NATIVE_EFS_ACCESS_POINT, { classic: t.EFS_ACCESS_POINT, rename: { tags: "accessPointTags" } }],
  [
    n.NATIVE_RAM_RESOURCE_SHARE,
    {
      classic: t.RAM_RESOURCE_SHARE,
      derive: {
        // CloudFormation's AllowExternalPrincipals defaults to true: left out, it reads true but
        // is not written (no own property), so the finding says it was left out.
        allowExternalPrincipals: {
          from: "allowExternalPrincipals",
          map: (v: unknown) => v ?? true,
        },
      },
    },
  ],
  [n.NATIVE_CODEBUILD_SOURCE_CREDENTIAL, { classic: t.CODEBUILD_SOURCE_CREDENTIAL }],
  [n.NATIVE_QUICKSIGHT_DATA_SOURCE, { classic: t.QUICKSIGHT_DATA_SOURCE }],
  [n.NATIVE_EMR_CLUSTER, { classic: t.EMR_CLUSTER }],
  [n.NATIVE_CONFIG_RECORDER, { classic: t.CONFIG_RECORDER }],
  [
    n.NATIVE_EC2_INSTANCE_CONNECT_ENDPOINT,
    { classic: t.EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT },
  ],
  [
    n.NATIVE_ELASTICBEANSTALK_ENVIRONMENT,
    {
      classic: t.ELASTICBEANSTALK_ENVIRONMENT,
      derive: { settings: { from: "optionSettings", map: beanstalkSettings } },
      says: { settings: "optionSettings" },
    },
  ],
  [n.NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP, DOCDB_PARAMETER_GROUP],
  [n.NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0, DOCDB_PARAMETER_GROUP],
  [
    n.NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP,
    {
      classic: t.REDSHIFT_PARAMETER_GROUP,
      // ParameterGroupName is the classic name, which a cluster's clusterParameterGroupName gives.
      rename: { name: "parameterGroupName" },
      derive: { parameters: { from: "parameters", map: parameterList } },
    },
  ],
  [
    n.NATIVE_CONFIG_AGGREGATOR,
    {
      classic: t.CONFIG_AGGREGATOR,
      derive: {
        accountAggregationSource: { from: "accountAggregationSources", map: accountSources },
        organizationAggregationSource: {
          from: "organizationAggregationSource",
          map: organizationSource,
        },
      },
      says: { allRegions: "allAwsRegions" },
    },
  ],
];
