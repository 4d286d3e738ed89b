// The pages the price table cites: title, address and the date the page states. Each price in
// ./prices.ts names one of them.

export interface Source {
  readonly title: string;
  readonly url: string;
  /** The date the page states (published / last updated), or "undated". */
  readonly asOf: string;
}

export const SOURCES = {
  "aws-elb": {
    title: "Elastic Load Balancing pricing (AWS)",
    url: "https://aws.amazon.com/elasticloadbalancing/pricing/",
    asOf: "undated",
  },
  "alb-calculator": {
    title: "AWS ALB Cost Calculator, regional hourly rates (cal53.calculator.city)",
    url: "https://cal53.calculator.city/aws-alb-cost-calculator/",
    asOf: "undated",
  },
  "aws-privatelink": {
    title: "AWS PrivateLink pricing (AWS)",
    url: "https://aws.amazon.com/privatelink/pricing/",
    asOf: "undated",
  },
  "privatelink-analysis": {
    title: "AWS PrivateLink Cost Analysis (awsnegotiations.com)",
    url: "https://awsnegotiations.com/privatelink-cost-analysis.html",
    asOf: "2026-05",
  },
  "nat-2026": {
    title: "AWS NAT Gateway pricing 2026, regional comparison (cloudpipelines)",
    url: "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/",
    asOf: "2026",
  },
  "nat-calculator": {
    title: "AWS NAT Gateway Pricing: Complete Guide with Calculator (cloudburn.io)",
    url: "https://cloudburn.io/blog/aws-nat-gateway-pricing",
    asOf: "2026-02-24",
  },
  "fargate-guide": {
    title: "AWS Fargate Pricing: Serverless Container Costs (wring.co), US East rates",
    url: "https://www.wring.co/blog/aws-fargate-pricing-guide",
    asOf: "2026-03-10",
  },
  "aws-kms": {
    title: "AWS Key Management Service pricing (AWS)",
    url: "https://aws.amazon.com/kms/pricing/",
    asOf: "undated",
  },
  "kms-guide": {
    title: "AWS KMS Pricing: Complete Breakdown (cloudburn.io)",
    url: "https://cloudburn.io/blog/aws-kms-pricing",
    asOf: "2026-03-14",
  },
  "aws-waf-blog": {
    title: "Cost-effective ways for securing your web applications using AWS WAF (AWS blog)",
    url: "https://aws.amazon.com/blogs/networking-and-content-delivery/cost-effective-ways-for-securing-your-web-applications-using-aws-waf/",
    asOf: "undated",
  },
  "waf-guide": {
    title: "AWS WAF cost explained: the three meters (c3x.dev)",
    url: "https://c3x.dev/blog/aws-waf-cost-explained/",
    asOf: "2026",
  },
  "aws-ipv4-blog": {
    title: "Identify and optimize public IPv4 address usage on AWS (AWS blog)",
    url: "https://aws.amazon.com/blogs/networking-and-content-delivery/identify-and-optimize-public-ipv4-address-usage-on-aws/",
    asOf: "2024-02-01",
  },
  "logs-guide": {
    title: "CloudWatch Logs cost optimization, us-east-1 prices (c3x.dev)",
    url: "https://c3x.dev/blog/cloudwatch-logs-cost-optimization",
    asOf: "2026-06",
  },
  "aws-codepipeline": {
    title: "AWS CodePipeline pricing (AWS)",
    url: "https://aws.amazon.com/codepipeline/pricing/",
    asOf: "undated",
  },
  "codebuild-guide": {
    title: "aws_codebuild_project cost estimation (c3x.dev)",
    url: "https://c3x.dev/resources/aws/aws_codebuild_project/",
    asOf: "2026",
  },
  "redshift-4rpu-blog": {
    title: "Amazon Redshift Serverless at 4 RPUs: High-value analytics at low cost (AWS blog)",
    url: "https://aws.amazon.com/blogs/big-data/amazon-redshift-serverless-at-4-rpus-high-value-analytics-at-low-cost/",
    asOf: "2025",
  },
  "aws-ec2": {
    title: "Amazon EC2 On-Demand pricing (AWS)",
    url: "https://aws.amazon.com/ec2/pricing/on-demand/",
    asOf: "not available offline",
  },
  "aws-ebs": {
    title: "Amazon EBS pricing (AWS)",
    url: "https://aws.amazon.com/ebs/pricing/",
    asOf: "not available offline",
  },
  "aws-fargate": {
    title: "AWS Fargate pricing (AWS)",
    url: "https://aws.amazon.com/fargate/pricing/",
    asOf: "not available offline",
  },
  "aws-vpc": {
    title: "Amazon VPC pricing (AWS)",
    url: "https://aws.amazon.com/vpc/pricing/",
    asOf: "not available offline",
  },
  "aws-cloudwatch": {
    title: "Amazon CloudWatch pricing (AWS)",
    url: "https://aws.amazon.com/cloudwatch/pricing/",
    asOf: "not available offline",
  },
  "aws-s3": {
    title: "Amazon S3 pricing (AWS)",
    url: "https://aws.amazon.com/s3/pricing/",
    asOf: "not available offline",
  },
  "aws-ecr": {
    title: "Amazon ECR pricing (AWS)",
    url: "https://aws.amazon.com/ecr/pricing/",
    asOf: "not available offline",
  },
  "aws-redshift": {
    title: "Amazon Redshift pricing, Serverless (AWS)",
    url: "https://aws.amazon.com/redshift/pricing/",
    asOf: "not available offline",
  },
  "aws-codebuild": {
    title: "AWS CodeBuild pricing (AWS)",
    url: "https://aws.amazon.com/codebuild/pricing/",
    asOf: "not available offline",
  },
  "aws-codecommit": {
    title: "AWS CodeCommit pricing (AWS)",
    url: "https://aws.amazon.com/codecommit/pricing/",
    asOf: "not available offline",
  },
  "aws-cloudfront": {
    title: "Amazon CloudFront pricing (AWS)",
    url: "https://aws.amazon.com/cloudfront/pricing/",
    asOf: "not available offline",
  },
  "aws-secretsmanager": {
    title: "AWS Secrets Manager pricing (AWS)",
    url: "https://aws.amazon.com/secrets-manager/pricing/",
    asOf: "not available offline",
  },
  "aws-rds-aurora": {
    title: "Amazon Aurora pricing (AWS)",
    url: "https://aws.amazon.com/rds/aurora/pricing/",
    asOf: "not available offline",
  },
  "aws-backup": {
    title: "AWS Backup pricing (AWS)",
    url: "https://aws.amazon.com/backup/pricing/",
    asOf: "not available offline",
  },
  "aws-ec2-transfer": {
    title: "Amazon EC2 On-Demand pricing, Data Transfer section (AWS)",
    url: "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
    asOf: "not available offline",
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
