// Option settings and parameter groups written with @pulumi/aws-native, read as the classic lists
// (policy-pack/lib/native/twins-settings.ts): Elastic Beanstalk environments' optionSettings
// ({ namespace, optionName, value }), DocumentDB cluster parameter groups' parameters map, Redshift
// cluster parameter groups' [{ parameterName, parameterValue }], and EC2 Instance Connect
// endpoints' security groups. A compliant resource passes; each case breaks one field; a value
// unknown at preview is a preview note.
import * as n from "../../../policy-pack/lib/native/types";
import { Case, runCases } from "./cases";

const option = (namespace: string, optionName: string, value: string) => ({
  namespace,
  optionName,
  value,
});
const options = [
  option("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
  option("aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled", "true"),
  option("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
  option("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"),
  option("aws:elasticbeanstalk:hostmanager", "LogPublicationControl", "true"),
];
const without = (name: string) => ({
  optionSettings: options.filter((o) => o.optionName !== name),
});
const beanstalk = (rule: string, broken: Case["broken"]): Case => ({
  rule,
  type: n.NATIVE_ELASTICBEANSTALK_ENVIRONMENT,
  inputs: { applicationName: "web", optionSettings: options },
  prop: "optionSettings",
  broken,
});

const cases: Case[] = [
  beanstalk("elasticbeanstalk-environment-health-reporting", [
    [without("SystemType"), 'SystemType is not set (basic), not "enhanced"', "no SystemType"],
    [without("HealthStreamingEnabled"), "HealthStreamingEnabled is not true", "no streaming"],
  ]),
  beanstalk("elasticbeanstalk-environment-managed-updates", [
    [without("ManagedActionsEnabled"), "ManagedActionsEnabled is not true", "no managed actions"],
  ]),
  beanstalk("elasticbeanstalk-environment-stream-logs", [
    [without("StreamLogs"), "StreamLogs is not true", "no StreamLogs"],
  ]),
  beanstalk("elasticbeanstalk-environment-log-publication", [
    [without("LogPublicationControl"), "LogPublicationControl is not true", "no log publication"],
  ]),
  ...[n.NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP, n.NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0].flatMap(
    (type): Case[] => [
      {
        rule: "docdb-parameter-group-tls",
        type,
        inputs: { family: "docdb5.0", description: "d", parameters: { tls: "enabled" } },
        prop: "parameters",
        broken: [[{ parameters: { tls: "disabled" } }, "the tls parameter is disabled"]],
      },
      {
        rule: "docdb-parameter-group-audit-logs",
        type,
        inputs: { family: "docdb5.0", description: "d", parameters: { audit_logs: "enabled" } },
        prop: "parameters",
        broken: [
          [{ parameters: { audit_logs: "disabled" } }, 'audit_logs is "disabled"'],
          [{ parameters: { tls: "enabled" } }, "no audit_logs parameter"],
        ],
      },
    ],
  ),
  {
    rule: "redshift-parameter-group-require-ssl",
    type: n.NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP,
    inputs: {
      description: "d",
      parameterGroupFamily: "redshift-1.0",
      parameters: [{ parameterName: "require_ssl", parameterValue: "true" }],
    },
    prop: "parameters",
    broken: [
      [
        { parameters: [{ parameterName: "require_ssl", parameterValue: "false" }] },
        'require_ssl is "false"',
      ],
    ],
  },
  {
    rule: "ec2-instance-connect-endpoint-security-groups",
    type: n.NATIVE_EC2_INSTANCE_CONNECT_ENDPOINT,
    inputs: { subnetId: "subnet-a", securityGroupIds: ["sg-1"] },
    prop: "securityGroupIds",
    broken: [
      [{ securityGroupIds: undefined }, "securityGroupIds is not set"],
      [{ securityGroupIds: [] }, "securityGroupIds is not set"],
    ],
  },
];

runCases("aws-native option settings and parameter groups (advisory)", cases);
