// resource-policy-not-public: the resource policies of the services without a rule of their own,
// from KICS's Glue and SES policy fixtures and the providers' documented examples (log delivery to
// a service principal, every other service's policy input). OpenSearch domains and API Gateway
// REST APIs: ./service-policies.spec.ts.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { policy, policyJson as doc, res, UNKNOWN, violations } from "../fixture";

describe("resource-policy-not-public", () => {
  const p = policy("resource-policy-not-public");
  const everyone = (action: string) => ({
    Effect: "Allow",
    Principal: "*",
    Action: action,
    Resource: "*",
  });
  /**
   * One resource of each type: its policy (`statement` of one action of its service) under the
   * input that type uses, beside its other inputs.
   */
  const each = (statement: (action: string) => Record<string, unknown>) => {
    const holder = (
      type: string,
      name: string,
      policyInput: string,
      action: string,
      inputs: Record<string, unknown> = {},
    ) => res(type, name, { ...inputs, [policyInput]: doc(statement(action)) });
    return [
      holder(
        T.CLOUDWATCH_LOG_DESTINATION_POLICY,
        "destination",
        "accessPolicy",
        "logs:PutSubscriptionFilter",
        { destinationName: "d" },
      ),
      holder(T.CLOUDWATCH_LOG_RESOURCE_POLICY, "logs", "policyDocument", "logs:PutLogEvents", {
        policyName: "p",
      }),
      holder(T.CLOUDWATCH_EVENT_BUS_POLICY, "bus", "policy", "events:PutEvents"),
      holder(T.BACKUP_VAULT_POLICY, "vault", "policy", "backup:*", { backupVaultName: "v" }),
      holder(T.KINESIS_RESOURCE_POLICY, "stream", "policy", "kinesis:GetRecords", {
        resourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s",
      }),
      holder(T.DYNAMODB_RESOURCE_POLICY, "table", "policy", "dynamodb:GetItem", {
        resourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t",
      }),
      holder(T.GLUE_RESOURCE_POLICY, "catalog", "policy", "glue:GetTable"),
      holder(
        T.REDSHIFT_RESOURCE_POLICY,
        "warehouse",
        "policy",
        "redshift:AuthorizeInboundIntegration",
        { resourceArn: "arn:aws:redshift:us-east-1:123456789012:namespace:n" },
      ),
      holder(
        T.CODEARTIFACT_DOMAIN_PERMISSIONS,
        "domain",
        "policyDocument",
        "codeartifact:GetAuthorizationToken",
        { domain: "d" },
      ),
      holder(
        T.CODEARTIFACT_REPOSITORY_PERMISSIONS_POLICY,
        "repository",
        "policyDocument",
        "codeartifact:ReadFromRepository",
        { domain: "d", repository: "r" },
      ),
      holder(T.S3CONTROL_BUCKET_POLICY, "outposts", "policy", "s3-outposts:GetObject", {
        bucket: "arn:aws:s3-outposts:us-east-1:123456789012:outpost/op-1/bucket/b",
      }),
      holder(T.MSK_CLUSTER_POLICY, "kafka", "policy", "kafka:CreateVpcConnection", {
        clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/c/1",
      }),
      holder(
        T.S3TABLES_TABLE_BUCKET_POLICY,
        "table-bucket",
        "resourcePolicy",
        "s3tables:GetTableData",
        { tableBucketArn: "arn:aws:s3tables:us-east-1:123456789012:bucket/b" },
      ),
      holder(T.S3TABLES_TABLE_POLICY, "table", "resourcePolicy", "s3tables:GetTableData", {
        tableBucketArn: "arn:aws:s3tables:us-east-1:123456789012:bucket/b",
        namespace: "n",
        name: "t",
      }),
    ];
  };

  describe("Noncompliance", () => {
    it('every resource-policy resource with an Allow to "*" and no condition', async () => {
      const found = await violations(p, each(everyone));
      expect(found).to.have.length(14);
      expect(found[0]).to.equal(
        'destination: statement #0 (logs:PutSubscriptionFilter): Allow to Principal "*" without a narrowing condition.',
      );
    });
  });

  describe("KICS fixtures", () => {
    it("'Glue With Vulnerable Policy' positive and 'SES Policy With Allowed IAM Actions' positive1: {AWS: \"*\"} on the catalog or the identity", async () => {
      const open = (Action: string | string[]) =>
        doc({ Effect: "Allow", Principal: { AWS: "*" }, Action, Resource: "*" });
      const found = await violations(p, [
        res(T.GLUE_RESOURCE_POLICY, "example", { policy: open(["glue:*"]) }),
        res(T.SES_IDENTITY_POLICY, "positive1", {
          identity: UNKNOWN,
          name: "example",
          policy: open("*"),
        }),
      ]);
      expect(found).to.have.length(2);
    });
    it("'Glue With Vulnerable Policy' negative and 'SES Policy With Allowed IAM Actions' negative1: one account's principal", async () => {
      const glue = doc({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:saml-provider/corp" },
        Action: ["glue:CreateTable"],
        Resource: "arn:aws:glue:us-east-1:123456789012:*",
      });
      const ses = doc({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::987654321145:root" },
        Action: "*",
        Resource: "*",
      });
      expect(
        await violations(p, [
          res(T.GLUE_RESOURCE_POLICY, "example2", { policy: glue }),
          res(T.SES_IDENTITY_POLICY, "negative1", {
            identity: UNKNOWN,
            name: "example",
            policy: ses,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("EventBridge permissions (one statement of the bus policy)", () => {
    const permission = (name: string, inputs: Record<string, unknown>) =>
      res(T.CLOUDWATCH_EVENT_PERMISSION, name, { statementId: name, ...inputs });
    it('reports principal "*" without a condition, on the default bus or a named one', async () => {
      const found = await violations(p, [
        permission("anyone", { principal: "*" }),
        permission("anyone-custom", { principal: "*", eventBusName: "orders" }),
        permission("wrong-key", {
          principal: "*",
          condition: { key: "aws:SourceAccount", type: "StringEquals", value: "123456789012" },
        }),
        permission("pattern-org", {
          principal: "*",
          condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-*" },
        }),
      ]);
      expect(found).to.have.length(4);
      expect(found[0]).to.equal(
        'anyone: events:PutEvents on event bus default is granted to Principal "*" without an aws:PrincipalOrgID condition: any AWS account can use it.',
      );
    });
    it("accepts one account, or everyone pinned to an organization (the provider's examples)", async () => {
      expect(
        await violations(p, [
          permission("dev-account", { principal: "123456789012" }),
          permission("organization", {
            principal: "*",
            condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-a1b2c3d4e5" },
          }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("the same grants pinned to the organization, or to a named account", async () => {
      const pinned = (action: string) => ({
        ...everyone(action),
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      });
      const named = (action: string) => ({
        ...everyone(action),
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
      });
      expect(await violations(p, each(pinned))).to.deep.equal([]);
      expect(await violations(p, each(named))).to.deep.equal([]);
    });
    it("a service principal, as log delivery policies name it", async () => {
      const service = (action: string) => ({
        ...everyone(action),
        Principal: { Service: "delivery.logs.amazonaws.com" },
      });
      expect(await violations(p, each(service))).to.deep.equal([]);
    });
  });
});

describe("resource-policy-not-public: every other service's resource policy", () => {
  const p = policy("resource-policy-not-public");
  /** Type, the input holding its document, and an action its policy grants. */
  const services: [string, string, string][] = [
    [T.ACMPCA_POLICY, "policy", "acm-pca:IssueCertificate"],
    [T.AMP_RESOURCE_POLICY, "policyDocument", "aps:QueryMetrics"],
    [T.BEDROCK_AGENTCORE_RESOURCE_POLICY, "policy", "bedrock-agentcore:InvokeAgentRuntime"],
    [T.CLOUDSEARCH_DOMAIN_SERVICE_ACCESS_POLICY, "accessPolicy", "cloudsearch:search"],
    [
      T.CLOUDWATCH_LOG_DELIVERY_DESTINATION_POLICY,
      "deliveryDestinationPolicy",
      "logs:CreateDelivery",
    ],
    [T.CODEBUILD_RESOURCE_POLICY, "policy", "codebuild:BatchGetBuilds"],
    [T.DSQL_CLUSTER_POLICY, "policy", "dsql:DbConnect"],
    [T.ECR_REPOSITORY_CREATION_TEMPLATE, "repositoryPolicy", "ecr:BatchGetImage"],
    [T.LAMBDA_RESOURCE_POLICY, "policy", "lambda:InvokeFunction"],
    [T.MEDIASTORE_CONTAINER_POLICY, "policy", "mediastore:GetObject"],
    [T.NETWORKFIREWALL_RESOURCE_POLICY, "policy", "network-firewall:AssociateFirewallPolicy"],
    [T.OAM_SINK_POLICY, "policy", "oam:CreateLink"],
    [T.OPENSEARCHINGEST_RESOURCE_POLICY, "policy", "osis:Ingest"],
    [T.PINPOINT_SMSVOICEV2_RESOURCE_POLICY, "policy", "sms-voice:SendTextMessage"],
    [T.REDSHIFTSERVERLESS_RESOURCE_POLICY, "policy", "redshift-serverless:RestoreFromSnapshot"],
    [T.S3_FILES_FILE_SYSTEM_POLICY, "policy", "s3files:ClientMount"],
    [T.S3_VECTORS_VECTOR_BUCKET_POLICY, "policy", "s3vectors:QueryVectors"],
    [T.S3CONTROL_ACCESS_GRANTS_INSTANCE_RESOURCE_POLICY, "policy", "s3:GetDataAccess"],
    [T.SAGEMAKER_MODEL_PACKAGE_GROUP_POLICY, "resourcePolicy", "sagemaker:DescribeModelPackage"],
    [T.SCHEMAS_REGISTRY_POLICY, "policy", "schemas:DescribeSchema"],
    [T.SES_IDENTITY_POLICY, "policy", "ses:SendEmail"],
    [T.SESV2_EMAIL_IDENTITY_POLICY, "policy", "ses:SendEmail"],
    [T.VPCLATTICE_AUTH_POLICY, "policy", "vpc-lattice-svcs:Invoke"],
    [T.VPCLATTICE_RESOURCE_POLICY, "policy", "vpc-lattice:CreateServiceNetworkVpcAssociation"],
    [T.XRAY_RESOURCE_POLICY, "policyDocument", "xray:PutTraceSegments"],
  ];
  const grant = (extra: Record<string, unknown>) =>
    services.map(([type, input, action], i) =>
      res(type, `r${i}`, {
        resourceArn: "arn:aws:service:us-east-1:123456789012:thing/t",
        [input]: doc({ Effect: "Allow", Principal: "*", Action: action, Resource: "*", ...extra }),
      }),
    );

  it('reports each one that allows Principal "*" without a narrowing condition', async () => {
    const found = await violations(p, grant({}));
    expect(found).to.have.length(services.length);
    expect(found[0]).to.equal(
      'r0: statement #0 (acm-pca:IssueCertificate): Allow to Principal "*" without a narrowing condition.',
    );
  });
  it("accepts each one pinned by aws:PrincipalOrgID, or granted to a named account", async () => {
    const org = { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } };
    const named = { Principal: { AWS: "arn:aws:iam::123456789012:root" } };
    expect(await violations(p, grant(org))).to.deep.equal([]);
    expect(await violations(p, grant(named))).to.deep.equal([]);
  });
});
