// Network endpoints open to the internet: provisioned Redshift clusters, DMS replication instances,
// Amazon MQ brokers, MSK clusters and Neptune instances with a public address, Amazon MWAA
// environments whose Airflow web server is on the internet, and EKS clusters whose public API
// endpoint accepts every address. (RDS instances and clusters: ../databases/rds.ts; Redshift Serverless workgroups:
// ../analytics/redshift.ts.)
import { reportIf, resourcePolicy } from "../../lib/define";
import {
  DMS_REPLICATION_INSTANCE,
  EKS_CLUSTER,
  MQ_BROKER,
  MSK_CLUSTER,
  MWAA_ENVIRONMENT,
  NEPTUNE_CLUSTER_INSTANCE,
  REDSHIFT_CLUSTER,
} from "../../lib/types";
import {
  NATIVE_AMAZONMQ_BROKER,
  NATIVE_DMS_REPLICATION_INSTANCE,
  NATIVE_EKS_CLUSTER,
  NATIVE_MSK_CLUSTER,
  NATIVE_MWAA_ENVIRONMENT,
  NATIVE_NEPTUNE_DB_INSTANCE,
  NATIVE_REDSHIFT_CLUSTER,
} from "../../lib/native/types";
import { flagOn, flagValue, peek } from "../../lib/values";
import { eksEndpointOpenTo } from "../../lib/compute/eks-endpoint";
import { INTERNET_RANGES } from "../../lib/network/ports";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const redshiftClusterNotPublic = resourcePolicy({
  name: "redshift-cluster-not-public",
  description:
    "Provisioned Redshift clusters are not publicly accessible: a public cluster gets an address " +
    "reachable from the internet, guarded only by its security group and a password.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `publiclyAccessible: false` (the provider's default) and reach the cluster through a " +
    "private subnet, VPN or tunnel.",
  references: [checkov("CKV_AWS_87"), fsbp("Redshift.1"), kics("Redshift Publicly Accessible")],
  types: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: reportIf("publiclyAccessible", true),
});

export const eksEndpointNotOpen = resourcePolicy({
  name: "eks-cluster-endpoint-not-public",
  description:
    "EKS clusters do not expose their Kubernetes API endpoint to every address: the public " +
    "endpoint is off, or limited by publicAccessCidrs to ranges that are not " +
    `${INTERNET_RANGES}.`,
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `vpcConfig.endpointPublicAccess: false` with `endpointPrivateAccess: true`, or list the " +
    "operators' ranges in `vpcConfig.publicAccessCidrs` (EKS defaults them to 0.0.0.0/0).",
  references: [
    trivy("AWS-0040"),
    checkov("CKV_AWS_38"),
    checkov("CKV_AWS_39"),
    kics("EKS Cluster Has Public Access"),
    kics("EKS Cluster Has Public Access CIDRs"),
    trivy("AWS-0041"),
    fsbp("EKS.1"),
  ],
  types: [EKS_CLUSTER, NATIVE_EKS_CLUSTER],
  check: (props, ctx) => {
    const open = eksEndpointOpenTo(props.vpcConfig);
    if (open.length) {
      ctx.report(`the public API endpoint is open to ${open.join(", ")}.`);
    }
  },
});

export const dmsReplicationInstanceNotPublic = resourcePolicy({
  name: "dms-replication-instance-not-public",
  description:
    "DMS replication instances are not publicly accessible: a public instance gets a public IP " +
    "address, and it holds the credentials of both endpoints and the data in flight.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `publiclyAccessible: false` explicitly (DMS itself defaults to a public instance when " +
    "the request leaves it out) and place the instance in a replication subnet group of private " +
    "subnets.",
  references: [
    checkov("CKV_AWS_89"),
    kics("Amazon DMS Replication Instance Is Publicly Accessible"),
    fsbp("DMS.1"),
  ],
  types: [DMS_REPLICATION_INSTANCE, NATIVE_DMS_REPLICATION_INSTANCE],
  check: (props, ctx) => {
    // Left out is public too, where Checkov and KICS see nothing: the provider then sends no
    // value and the service chooses, and "The default value is true" (DMS API Reference,
    // CreateReplicationInstance, PubliclyAccessible;
    // https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html).
    const flag = flagValue(props.publiclyAccessible);
    if (flag === true) ctx.report("publiclyAccessible is true.");
    else if (props.publiclyAccessible === undefined) {
      ctx.report("publiclyAccessible is left out, and DMS then makes the instance public.");
    }
  },
});

export const mqBrokerNotPublic = resourcePolicy({
  name: "mq-broker-not-public",
  description:
    "Amazon MQ brokers are not publicly accessible: a public broker's endpoints are reachable " +
    "from the internet, guarded only by user names and passwords.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Leave `publiclyAccessible` unset or false (the default) and give the broker private " +
    "subnets and security groups.",
  references: [checkov("CKV_AWS_69"), kics("MQ Broker Is Publicly Accessible"), trivy("AWS-0072")],
  types: [MQ_BROKER, NATIVE_AMAZONMQ_BROKER],
  check: reportIf("publiclyAccessible", true),
});

export const mskClusterNotPublic = resourcePolicy({
  name: "msk-cluster-not-public",
  description:
    "MSK clusters give their brokers no public address (connectivityInfo.publicAccess.type " +
    '"SERVICE_PROVIDED_EIPS"): public brokers are reachable from the internet, guarded only by ' +
    "their security groups and client authentication.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Leave `brokerNodeGroupInfo.connectivityInfo.publicAccess.type` unset or "DISABLED" (the ' +
    "default) and let clients reach the brokers from inside the VPC or through private " +
    "connectivity (multi-VPC private connectivity, a VPC peering or Transit Gateway).",
  references: [
    checkov("CKV_AWS_291"),
    kics("MSK Broker Is Publicly Accessible"),
    awsDocs("config/latest/developerguide/msk-cluster-public-access-disabled"),
  ],
  types: [MSK_CLUSTER, NATIVE_MSK_CLUSTER],
  check: (props, ctx) => {
    // MSK developer guide, "Turn on public access to an MSK Provisioned cluster": the only public
    // setting is SERVICE_PROVIDED_EIPS, which gives each broker an Elastic IP address.
    const type = props.brokerNodeGroupInfo?.connectivityInfo?.publicAccess?.type;
    if (type === "SERVICE_PROVIDED_EIPS") {
      ctx.report(
        "brokerNodeGroupInfo.connectivityInfo.publicAccess.type is SERVICE_PROVIDED_EIPS: the " +
          "brokers have public addresses.",
      );
    }
  },
});

export const mskClusterClientAuthentication = resourcePolicy({
  name: "msk-cluster-client-authentication",
  description:
    "MSK clusters authenticate their clients (clientAuthentication with IAM, SASL/SCRAM or TLS " +
    "certificates) and do not also allow unauthenticated access. Advisory: an unauthenticated " +
    "client that reaches a broker can read and write every topic the Kafka ACLs leave open.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `clientAuthentication: { sasl: { iam: true } }` (or scram, or tls with a private CA) and " +
    "leave `unauthenticated` unset or false.",
  references: [
    awsDocs("config/latest/developerguide/msk-unrestricted-access-check"),
    awsDocs("msk/latest/developerguide/iam-access-control"),
  ],
  types: [MSK_CLUSTER, NATIVE_MSK_CLUSTER],
  check: (props, ctx) => {
    const auth = props.clientAuthentication;
    if (flagOn(auth?.unauthenticated)) {
      ctx.report(
        "clientAuthentication.unauthenticated is true: clients may connect without credentials.",
      );
      return;
    }
    // MSK authenticates clients only by the methods named in clientAuthentication (IAM,
    // SASL/SCRAM, mutual TLS): with none named, no client is authenticated.
    // Certificate authorities unknown at preview will be ARNs: only whether there are any matters,
    // so the elements are never read.
    const authorities = peek(() => auth?.tls?.certificateAuthorityArns);
    const methods =
      flagOn(auth?.sasl?.iam) ||
      flagOn(auth?.sasl?.scram) ||
      !authorities.known ||
      (Array.isArray(authorities.value) && authorities.value.length > 0);
    if (!methods) {
      ctx.report(
        "clientAuthentication names no IAM, SASL/SCRAM or TLS method: clients connect unauthenticated.",
      );
    }
  },
});

export const neptuneInstanceNotPublic = resourcePolicy({
  name: "neptune-cluster-instance-not-public",
  description:
    "Neptune cluster instances are not publicly accessible: the graph database and its data stay " +
    "reachable only from inside the VPC.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Leave `publiclyAccessible` unset or false (the default) and reach the cluster from private " +
    "subnets.",
  references: [checkov("CKV_AWS_102"), kics("Neptune Cluster Instance is Publicly Accessible")],
  types: [NEPTUNE_CLUSTER_INSTANCE, NATIVE_NEPTUNE_DB_INSTANCE],
  check: reportIf("publiclyAccessible", true),
});

export const mwaaEnvironmentNotPublic = resourcePolicy({
  name: "mwaa-environment-not-public",
  description:
    "Amazon MWAA environments keep their Apache Airflow web server private " +
    '(webserverAccessMode "PRIVATE_ONLY", the default): PUBLIC_ONLY and PUBLIC_AND_PRIVATE put the ' +
    "web server, which can trigger every DAG and read their connections, on an internet address " +
    "guarded only by its sign-in.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Leave `webserverAccessMode` unset or "PRIVATE_ONLY" and reach the web server from the VPC ' +
    "(a VPN, Direct Connect or a bastion), as the MWAA User Guide's private network access mode " +
    "describes.",
  references: [
    checkov("CKV2_AWS_66"),
    awsDocs("mwaa/latest/userguide/configuring-networking.html (Apache Airflow access modes)"),
  ],
  types: [MWAA_ENVIRONMENT, NATIVE_MWAA_ENVIRONMENT],
  check: (props, ctx) => {
    // aws.mwaa.Environment webserverAccessMode: PRIVATE_ONLY (default), PUBLIC_ONLY or
    // PUBLIC_AND_PRIVATE (Pulumi AWS provider docs, mwaa.Environment); only the first keeps the
    // web server off the internet.
    // An unknown mode throws here and comes back as the engine's preview note, never a pass.
    const mode = props.webserverAccessMode;
    if (mode !== undefined && mode !== null && mode !== "PRIVATE_ONLY") {
      ctx.report(
        `webserverAccessMode is ${JSON.stringify(mode)}: the Airflow web server has a public address.`,
      );
    }
  },
});
