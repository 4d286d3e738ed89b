// The runtime's service and the network path to it: the public load balancer, the security groups
// chained behind it, the ECS service and its autoscaling.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PublicLoadBalancer } from "../load-balancer";
import type { Build } from "./index";
import { APP_CONTAINER_NAME } from "./task";

/**
 * The load balancer and the security groups chained behind it: ALB → tasks on the container
 * port; tasks → endpoints and S3 on 443.
 */
export function buildNetworkPath(b: Build) {
  const { name, args, parent } = b;
  const lb = new PublicLoadBalancer(
    `${name}-lb`,
    {
      vpcId: args.vpcId,
      publicSubnetIds: args.publicSubnetIds,
      internetAccess: args.internetAccess,
      region: args.region,
      certificateArn: args.certificateArn,
      allowedCidrs: args.albAllowedCidrs,
      targetPort: args.containerPort,
      protect: b.protect,
      logRetentionDays: Math.max(args.logRetentionDays, 30),
      tags: args.tags,
    },
    parent,
  );
  const taskSg = new aws.ec2.SecurityGroup(
    `${name}-task-sg`,
    {
      vpcId: args.vpcId,
      description: "Fargate tasks: in from the ALB only, out to VPC endpoints and S3 only",
      tags: b.tags("task-sg"),
    },
    parent,
  );
  const port = { ipProtocol: "tcp", fromPort: args.containerPort, toPort: args.containerPort };
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-alb-to-tasks`,
    {
      securityGroupId: lb.securityGroupId,
      referencedSecurityGroupId: taskSg.id,
      ...port,
      description: "ALB to tasks",
    },
    parent,
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-tasks-from-alb`,
    {
      securityGroupId: taskSg.id,
      referencedSecurityGroupId: lb.securityGroupId,
      ...port,
      description: "From the ALB only",
    },
    parent,
  );
  const https = { ipProtocol: "tcp", fromPort: 443, toPort: 443 };
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-tasks-to-endpoints`,
    {
      securityGroupId: taskSg.id,
      referencedSecurityGroupId: args.endpointSecurityGroupId,
      ...https,
      description: "Interface endpoints (ECR, logs)",
    },
    parent,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-tasks-to-s3`,
    {
      securityGroupId: taskSg.id,
      prefixListId: args.s3PrefixListId,
      ...https,
      description: "S3 through the gateway endpoint",
    },
    parent,
  );
  return { lb, taskSg };
}

/**
 * The service and its CPU target tracking. Deployments: the pipeline owns image roll-outs
 * (docs/decisions/deployments.md), so Pulumi ignores the service's task definition revision and
 * autoscaling owns the desired count.
 */
export function buildService(
  b: Build,
  on: {
    readonly cluster: aws.ecs.Cluster;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly lb: PublicLoadBalancer;
    readonly taskSg: aws.ec2.SecurityGroup;
    /** Other layers' rules on the tasks' path (the database's port): in place before any task. */
    readonly clientRules?: readonly pulumi.Resource[];
  },
): aws.ecs.Service {
  const { name, args, parent } = b;
  const service = new aws.ecs.Service(
    `${name}-service`,
    {
      cluster: on.cluster.arn,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      taskDefinition: on.taskDefinition.arn,
      desiredCount: args.desiredCount,
      networkConfiguration: {
        subnets: args.computeSubnetIds,
        securityGroups: [on.taskSg.id],
        assignPublicIp: false,
      },
      loadBalancers: [
        {
          targetGroupArn: on.lb.targetGroupArn,
          containerName: APP_CONTAINER_NAME,
          containerPort: args.containerPort,
        },
      ],
      healthCheckGracePeriodSeconds: 60,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      enableExecuteCommand: false,
      waitForSteadyState: false,
      tags: b.tags("service"),
    },
    {
      parent: b.self,
      // The listener: the target group must belong to a load balancer. The clients' rules: the
      // app connects to the database at start-up, and a rule made after the first tasks leaves
      // them failing their health checks until the circuit breaker stops the deployment.
      dependsOn: [on.lb.listener, ...(on.clientRules ?? [])],
      ignoreChanges: ["taskDefinition", "desiredCount"],
    },
  );
  const scaling = new aws.appautoscaling.Target(
    `${name}-scaling`,
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${on.cluster.name}/${service.name}`,
      minCapacity: args.minCount,
      maxCapacity: args.maxCount,
      tags: b.tags("scaling"),
    },
    parent,
  );
  new aws.appautoscaling.Policy(
    `${name}-cpu-scaling`,
    {
      policyType: "TargetTrackingScaling",
      serviceNamespace: scaling.serviceNamespace,
      scalableDimension: scaling.scalableDimension,
      resourceId: scaling.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 60,
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        scaleInCooldown: 120,
        scaleOutCooldown: 60,
      },
    },
    parent,
  );
  return service;
}
