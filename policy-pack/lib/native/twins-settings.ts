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
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList } from "../values";

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
          return tls.enabled === false ? [] : tls.certificateAuthorityArnList;
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
      return asList(v).every((s: any) => s?.allAwsRegions === true);
    },
  };
}

/** An organization aggregation source's allAwsRegions as the classic allRegions. */
function organizationSource(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get allRegions() {
      return v.allAwsRegions;
    },
  };
}

export const SETTINGS_TWINS: [string, Twin][] = [
  [n.NATIVE_EFS_ACCESS_POINT, { classic: t.EFS_ACCESS_POINT, rename: { tags: "accessPointTags" } }],
  [
    n.NATIVE_RAM_RESOURCE_SHARE,
    {
      classic: t.RAM_RESOURCE_SHARE,
      derive: {
        allowExternalPrincipals: {
          from: "allowExternalPrincipals",
          always: true,
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
