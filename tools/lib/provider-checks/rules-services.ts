// ECS services, Step Functions activities and SES identities and configuration sets. The ECS
// enumerations are the AWS SDK's (`enum.Validate[awstypes.X]()`), which grow: only a value of no
// listed value's shape is refused (`fargate`, `Code Deploy`). An ECS service's name and an
// activity's take the name Pulumi makes (`<logical name>-<7 hex>`, pulumi/pulumi-aws
// provider/autonaming.go: every `name` input, at most 255 characters; no override of these types
// in provider/resource_overrides.go). Each entry names the provider file that declares it.
import type { InputRule } from "./rule";
import {
  intBetween,
  lenBetween,
  notMatches,
  oneOfGrowing,
  CAMEL,
  LOWER_SNAKE,
  validARN,
} from "./validators";

const SERVICE = "aws:ecs/service:Service";
const ACTIVITY = "aws:sfn/activity:Activity";
const CONFIGURATION_SET = "aws:ses/configurationSet:ConfigurationSet";
const DOMAIN_IDENTITY = "aws:ses/domainIdentity:DomainIdentity";

const ECS = "internal/service/ecs/service.go";
const SFN = "internal/service/sfn/activity.go";

/** A placement constraint type, `memberOf` or `distinctInstance`: camel case from a lower letter. */
const LOWER_CAMEL = /^[a-z]+([A-Z][a-z]+)*$/;

const ARN_FIX = "the resource's `arn` output, not its name";

/** ECS service inputs: [Pulumi path, provider attribute, validator, fix]. */
const SERVICE_INPUTS: [string, string, InputRule["validate"], string][] = [
  [
    "launchType",
    "launch_type",
    oneOfGrowing(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]),
    "FARGATE, EC2 or EXTERNAL, in upper case",
  ],
  [
    "schedulingStrategy",
    "scheduling_strategy",
    oneOfGrowing(["REPLICA", "DAEMON"]),
    "REPLICA or DAEMON, in upper case",
  ],
  [
    "propagateTags",
    "propagate_tags",
    oneOfGrowing(["TASK_DEFINITION", "SERVICE", "NONE"]),
    "SERVICE, TASK_DEFINITION or NONE, in upper case",
  ],
  [
    "deploymentController.type",
    "deployment_controller.0.type",
    oneOfGrowing(["ECS", "CODE_DEPLOY", "EXTERNAL"]),
    "ECS, CODE_DEPLOY or EXTERNAL, in upper case",
  ],
  [
    "orderedPlacementStrategies.type",
    "ordered_placement_strategy.type",
    oneOfGrowing(["random", "spread", "binpack"], LOWER_SNAKE),
    "random, spread or binpack, in lower case",
  ],
  [
    "placementConstraints.type",
    "placement_constraints.type",
    oneOfGrowing(["distinctInstance", "memberOf"], LOWER_CAMEL),
    "memberOf or distinctInstance, as AWS spells them",
  ],
  [
    "capacityProviderStrategies.weight",
    "capacity_provider_strategy.weight",
    intBetween(0, 1000),
    "a weight from 0 to 1000",
  ],
  [
    "capacityProviderStrategies.base",
    "capacity_provider_strategy.base",
    intBetween(0, 100000),
    "a base from 0 to 100000 tasks",
  ],
  [
    "healthCheckGracePeriodSeconds",
    "health_check_grace_period_seconds",
    intBetween(0, 2147483647),
    "a grace period of 0 seconds or more",
  ],
  [
    "loadBalancers.containerPort",
    "load_balancer.container_port",
    intBetween(0, 65536),
    "the container's port, 0 to 65536",
  ],
  ["loadBalancers.targetGroupArn", "load_balancer.target_group_arn", validARN, ARN_FIX],
  ["serviceRegistries.registryArn", "service_registries.0.registry_arn", validARN, ARN_FIX],
  [
    "serviceRegistries.port",
    "service_registries.0.port",
    intBetween(0, 65536),
    "a port from 0 to 65536",
  ],
];

export const SERVICE_RULES: readonly InputRule[] = [
  ...SERVICE_INPUTS.map(([prop, attr, validate, fix]): InputRule => ({
    type: SERVICE,
    prop,
    attr,
    validate,
    fix,
    source: ECS,
  })),
  {
    type: ACTIVITY,
    prop: "name",
    attr: "name",
    validate: lenBetween(0, 80),
    fix: "a name of at most 80 characters (Pulumi adds 8 to a logical name it turns into the name: keep that at most 72)",
    source: SFN,
  },
  {
    type: ACTIVITY,
    prop: "encryptionConfiguration.type",
    attr: "encryption_configuration.0.type",
    validate: oneOfGrowing(["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"]),
    fix: "AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY",
    source: SFN,
  },
  {
    type: ACTIVITY,
    prop: "encryptionConfiguration.kmsDataKeyReusePeriodSeconds",
    attr: "encryption_configuration.0.kms_data_key_reuse_period_seconds",
    validate: intBetween(60, 900),
    fix: "a period in seconds from 60 to 900",
    source: SFN,
  },
  {
    type: CONFIGURATION_SET,
    prop: "name",
    attr: "name",
    validate: lenBetween(1, 64),
    fix: "a name of at most 64 characters (Pulumi adds 8 to a logical name it turns into the name: keep that at most 56)",
    source: "internal/service/ses/configuration_set.go",
  },
  {
    type: CONFIGURATION_SET,
    prop: "deliveryOptions.tlsPolicy",
    attr: "delivery_options.0.tls_policy",
    validate: oneOfGrowing(["Require", "Optional"], CAMEL),
    fix: "Require or Optional, capitalised",
    source: "internal/service/ses/configuration_set.go",
  },
  {
    type: CONFIGURATION_SET,
    prop: "trackingOptions.customRedirectDomain",
    attr: "tracking_options.0.custom_redirect_domain",
    validate: notMatches(/\.$/, "cannot end with a period"),
    fix: "the domain without its trailing dot",
    source: "internal/service/ses/configuration_set.go",
  },
  {
    type: DOMAIN_IDENTITY,
    prop: "domain",
    attr: "domain",
    validate: notMatches(/\.$/, "cannot end with a period"),
    fix: "the domain without its trailing dot",
    source: "internal/service/ses/domain_identity.go",
  },
];
