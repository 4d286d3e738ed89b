// Redshift Serverless namespaces and workgroups: names, base capacity, port and the price-
// performance target. The provider checks only the target's level (internal/service/
// redshiftserverless/workgroup.go); the names, the capacity and the port it passes on, and AWS
// refuses them when the provider creates the resource at `pulumi up`: those rules cite the AWS
// page that documents the limit (`by: "aws"`).
import { awsRule, InputRule, inputRule } from "./rule";
import { all, intOneOf, lenBetween, matches, Validator } from "./validators";

const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const API = "https://docs.aws.amazon.com/redshift-serverless/latest/APIReference";
const CREATE_WORKGROUP = `${API}/API_CreateWorkgroup.html`;
const CREATE_NAMESPACE = `${API}/API_CreateNamespace.html`;
const CAPACITY = "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html";

/**
 * A workgroup's or namespace's name: "Length Constraints: Minimum length of 3. Maximum length of
 * 64. Pattern: ^[a-z0-9-]+$" (API_CreateWorkgroup, API_CreateNamespace).
 */
const serverlessName: Validator = all(
  lenBetween(3, 64),
  matches(/^[a-z0-9-]+$/, "lowercase letters, digits and hyphens only"),
);

/**
 * Base capacity, as the page states it today (serverless-capacity.html; the edition read here is
 * its docs.amazonaws.cn one, "Compute capacity for Amazon Redshift Serverless"): 4 RPUs (for
 * warehouses under 32 TB), or multiples of 8 from 8 to 512; up to 1024 in units of 32 above 512
 * in US East (N. Virginia, Ohio), US West (Oregon) and Europe (Ireland, Frankfurt), 512 elsewhere.
 * The page's earlier edition (docs.aws.amazon.com/zh_cn) gave 8 to 512 in units of 8 and the same
 * 1024 in units of 32, without 4. The limit is AWS's alone: the provider passes `base_capacity`
 * on unchecked (workgroup.go validates only the price-performance level; @pulumi/aws 7.48
 * documents no range), so the page in force is AWS's current one, whatever provider version is
 * installed. The region is not judged, so each value some
 * region accepts passes; any other (12, 520, 2048, 0) no region takes. The platform's own
 * `baseRpu` key is stricter on purpose (components/analytics.keys.ts: what every region accepts).
 */
function isBaseCapacity(n: number): boolean {
  if (!Number.isInteger(n)) return false;
  if (n === 4) return true;
  if (n >= 8 && n <= 512) return n % 8 === 0;
  return n > 512 && n <= 1024 && n % 32 === 0;
}

const baseCapacity: Validator = (v, k) =>
  typeof v === "number" && !isBaseCapacity(v)
    ? [
        `${k} must be 4, 8 to 512 in units of 8, or (where the region offers it) up to 1024 ` +
          `in units of 32 RPUs, got ${v}`,
      ]
    : [];

/** "Valid port ranges are 5431-5455 and 8191-8215. The default is 5439." (API_CreateWorkgroup). */
const port: Validator = (v, k) =>
  typeof v === "number" && !((v >= 5431 && v <= 5455) || (v >= 8191 && v <= 8215))
    ? [`${k} must be in 5431-5455 or 8191-8215, got ${v}`]
    : [];

const NAME_FIX = "3 to 64 lowercase letters, digits and hyphens";

export const WAREHOUSE_RULES: readonly InputRule[] = [
  awsRule(WORKGROUP, "workgroupName", "workgroupName", serverlessName, NAME_FIX, CREATE_WORKGROUP),
  awsRule(NAMESPACE, "namespaceName", "namespaceName", serverlessName, NAME_FIX, CREATE_NAMESPACE),
  awsRule(
    WORKGROUP,
    "namespaceName",
    "namespaceName",
    serverlessName,
    `the namespace's name (${NAME_FIX})`,
    CREATE_WORKGROUP,
  ),
  awsRule(
    WORKGROUP,
    "baseCapacity",
    "baseCapacity",
    baseCapacity,
    "a base capacity of 8 to 512 RPUs in units of 8 (4 where small warehouses are offered, up to 1024 in units of 32 where the region offers it)",
    CAPACITY,
  ),
  awsRule(
    WORKGROUP,
    "port",
    "port",
    port,
    "a port from 5431 to 5455 or from 8191 to 8215 (5439 when left out)",
    CREATE_WORKGROUP,
  ),
  inputRule(
    WORKGROUP,
    "pricePerformanceTarget.level",
    "price_performance_target.0.level",
    intOneOf([1, 25, 50, 75, 100]),
    "a level of 1, 25, 50, 75 or 100",
    "internal/service/redshiftserverless/workgroup.go",
  ),
];
