// Which confused-deputy keys each service principal sends when it assumes a role (pure data: the
// config reader checks the ingest principal against it, the trust-policy builders follow it).

/** The confused-deputy condition keys a service can be held to in a role's trust policy. */
export type SourceConditionKey = "aws:SourceAccount" | "aws:SourceArn";

/**
 * For every service principal the program lets assume a role: the confused-deputy keys that
 * service documents sending when it assumes the role, and where it says so. IAM docs ("The
 * confused deputy problem") recommend aws:SourceArn and aws:SourceAccount, but a condition on a
 * key the service does not send makes the role unassumable (IAM evaluates a positive condition on
 * a missing key as false), so a trust carries only what its service documents. A service missing
 * here is refused by {@link serviceTrustPolicy} until someone looks it up.
 */
export const SERVICE_TRUST_CONDITIONS: Readonly<
  Record<string, { readonly keys: readonly SourceConditionKey[]; readonly source: string }>
> = {
  "backup.amazonaws.com": {
    keys: [],
    source:
      'AWS Backup Developer Guide, "Cross-service confused deputy prevention": the keys are documented for resource policies (vault and key policies, SNS topics), not for the role AWS Backup assumes',
  },
  "codebuild.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'CodeBuild User Guide, "Allow CodeBuild to interact with other AWS services": the service role trust policy with aws:SourceAccount and aws:SourceArn = the build project',
  },
  "codepipeline.amazonaws.com": {
    keys: ["aws:SourceAccount"],
    source:
      'CodePipeline User Guide, "Manage the CodePipeline service role" and "Create the CodePipeline service role": the trust names the principal only and documents no aws:SourceArn; aws:SourceAccount is kept on the IAM guidance and watched at the first CreatePipeline (docs/first-deploy-watch.md)',
  },
  "ec2.amazonaws.com": {
    keys: [],
    source:
      "EC2 assumes an instance profile's role without aws:SourceArn/aws:SourceAccount (the known false positive of confused-deputy scanners, prowler #2810)",
  },
  "ecs-tasks.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon ECS Developer Guide, "Task IAM role": aws:SourceAccount and aws:SourceArn (arn:aws:ecs:<region>:<account>:*) in the trust relationship',
  },
  "events.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'EventBridge User Guide, "Cross-service confused deputy prevention": aws:SourceAccount and aws:SourceArn = the rule in the target role\'s trust',
  },
  "kafkaconnect.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon MSK Developer Guide, "Cross-service confused deputy prevention": MSK Connect\'s service execution role trust with aws:SourceAccount and aws:SourceArn = the connector',
  },
  "redshift.amazonaws.com": {
    keys: [],
    source:
      'Redshift Management Guide, "Restricting access to IAM roles": the documented restriction is sts:ExternalId (the database user), not aws:SourceArn/aws:SourceAccount',
  },
  "redshift-serverless.amazonaws.com": {
    keys: [],
    source:
      'Redshift Management Guide, "Restricting access to IAM roles" (Redshift Serverless format): sts:ExternalId, not aws:SourceArn/aws:SourceAccount',
  },
  "vpc-flow-logs.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs": aws:SourceAccount and aws:SourceArn = the flow log',
  },
};
