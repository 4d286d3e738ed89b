// Resource types that cost nothing by themselves, each with the reason (the price table's other
// half: a type with neither a rule in ./rules nor an entry here is reported as unpriced).

/**
 * Resource types that cost nothing by themselves, each with the reason. A type in neither this
 * list nor the estimator's rules is reported as unpriced (and fails the coverage test).
 */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  // Engine and component bookkeeping.
  "pulumi:pulumi:Stack": "Pulumi's root stack resource, not an AWS resource",
  "pulumi:providers:aws": "a provider configuration, not an AWS resource",
  // VPC plumbing (Amazon VPC pricing: VPCs, subnets, route tables, gateways' attachments, security groups and NACLs carry no charge).
  "aws:ec2/vpc:Vpc": "no charge for a VPC itself (Amazon VPC pricing)",
  "aws:ec2/subnet:Subnet": "no charge for subnets",
  "aws:ec2/routeTable:RouteTable": "no charge for route tables",
  "aws:ec2/route:Route": "no charge for routes",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "no charge for route table associations",
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation":
    "no charge for route table associations",
  "aws:ec2/internetGateway:InternetGateway":
    "no charge for an internet gateway; data transfer out is priced on the load balancer's traffic",
  "aws:ec2/networkAcl:NetworkAcl": "no charge for network ACLs",
  "aws:ec2/networkAclRule:NetworkAclRule": "no charge for network ACL rules",
  "aws:ec2/networkAclAssociation:NetworkAclAssociation": "no charge for network ACL associations",
  "aws:ec2/securityGroup:SecurityGroup": "no charge for security groups",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "no charge for security groups",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "no charge for security group rules",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "no charge for security group rules",
  "aws:ec2/flowLog:FlowLog":
    "flow log records are charged as vended-log ingestion and storage on the destination log group (priced there)",
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint":
    "EC2 Instance Connect Endpoint has no additional charge (data transfer only)",
  // Identity.
  "aws:iam/role:Role": "IAM has no charge",
  "aws:iam/rolePolicy:RolePolicy": "IAM has no charge",
  "aws:iam/policy:Policy": "IAM has no charge",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM has no charge",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": "IAM has no charge",
  "aws:kms/alias:Alias": "KMS aliases have no charge (the key is priced)",
  // S3 bucket settings: the bucket's storage and requests are priced on the bucket.
  "aws:s3/bucketPolicy:BucketPolicy":
    "a bucket setting; storage and requests are priced on the bucket",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
    "a bucket setting; storage and requests are priced on the bucket",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls":
    "a bucket setting; storage and requests are priced on the bucket",
  "aws:s3/bucketVersioning:BucketVersioning":
    "a bucket setting; noncurrent versions are part of the bucket's stored GB",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    "a bucket setting; KMS requests are priced on the key",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
    "a bucket setting (expiration is free; transitions are not used)",
  "aws:s3/bucketLogging:BucketLogging":
    "a bucket setting; log objects are priced as storage on the target bucket",
  // Container and load-balancer settings.
  "aws:ecs/taskDefinition:TaskDefinition":
    "a definition; Fargate capacity is priced on the service that runs it",
  "aws:ecr/lifecyclePolicy:LifecyclePolicy":
    "a repository setting; it lowers the repository's storage",
  "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration":
    "basic scanning has no charge (Amazon ECR pricing); enhanced scanning would be billed by Amazon Inspector",
  "aws:lb/listener:Listener":
    "billed with the load balancer (rule evaluations count towards its LCUs)",
  "aws:lb/targetGroup:TargetGroup": "billed with the load balancer",
  "aws:appautoscaling/target:Target":
    "Application Auto Scaling has no charge (its policies' alarms are priced on the policy)",
  "aws:wafv2/webAclAssociation:WebAclAssociation": "an association; the web ACL is priced",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration":
    "WAF logs are charged as vended-log ingestion on the destination log group (priced there)",
  "aws:cloudwatch/logDeliverySource:LogDeliverySource":
    "declares a vended-log source; the delivery is priced on its LogDelivery",
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination":
    "declares a vended-log destination; the delivery is priced on its LogDelivery",
  // Delivery.
  "aws:codeconnections/connection:Connection": "CodeConnections has no charge",
  "aws:codestarconnections/connection:Connection": "CodeStar Connections has no charge",
  "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate":
    "a repository setting; CodeCommit is priced per active user",
  "aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation":
    "a repository setting; CodeCommit is priced per active user",
  "aws:cloudwatch/eventRule:EventRule":
    "EventBridge delivers AWS service events on the default bus without charge",
  "aws:cloudwatch/eventTarget:EventTarget":
    "EventBridge delivers AWS service events on the default bus without charge",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "a repository setting",
  // Alerts (Amazon SNS pricing: the first million publishes and the first 1,000 e-mail
  // deliveries a month are free; a few alarms and failure events stay far below).
  "aws:sns/topic:Topic":
    "an alerts topic: its publishes and e-mails stay within SNS's monthly free tier",
  "aws:sns/topicPolicy:TopicPolicy": "a topic setting",
  "aws:sns/topicSubscription:TopicSubscription":
    "an e-mail subscriber: the first 1,000 e-mails a month are free",
  // Analytics.
  "aws:redshiftserverless/usageLimit:UsageLimit":
    "a limit; it caps the workgroup's RPU-hours (used in the workgroup's worst case)",
  // Edge.
  "aws:cloudfront/originAccessControl:OriginAccessControl":
    "a CloudFront setting; the distribution is priced",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy":
    "a CloudFront setting; the distribution is priced",
  "aws:cloudfront/cachePolicy:CachePolicy": "a CloudFront setting; the distribution is priced",
  "aws:acm/certificate:Certificate": "public ACM certificates have no charge",
  "aws:ssm/parameter:Parameter":
    "standard-tier SSM parameters have no charge (advanced tier is not used)",
  "aws:secretsmanager/secretVersion:SecretVersion": "a version; the secret is priced",
  "aws:s3/bucketNotification:BucketNotification": "a bucket setting",
  "aws:iam/instanceProfile:InstanceProfile": "IAM has no charge",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection":
    "no charge for the peering itself; traffic across AZs over it is data transfer (not modelled)",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter":
    "no charge for the peering itself",
  // Optional features.
  "aws:rds/subnetGroup:SubnetGroup": "a database setting; the cluster and its instances are priced",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup":
    "a database setting; the cluster and its instances are priced",
  "aws:backup/plan:Plan": "a schedule; recovery points are priced as storage on the vault",
  "aws:backup/selection:Selection":
    "a selection; recovery points are priced as storage on the vault",
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": "a vault setting",
};
