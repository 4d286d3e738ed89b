// WAFv2 web ACLs: the required AWS managed rule groups blocking, a blocking rate-based rule,
// metrics on the ACL and every rule, and logging; rules read from inline rules, ruleJson and the
// rule resources alike.
import { expect } from "chai";
import {
  WAFV2_WEB_ACL,
  WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
  WAFV2_WEB_ACL_RULE,
  WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const managed = (groupName: string, over: Record<string, unknown> = {}) => ({
  name: groupName,
  priority: 1,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: groupName } },
  visibilityConfig: {
    cloudwatchMetricsEnabled: true,
    metricName: groupName,
    sampledRequestsEnabled: true,
  },
  ...over,
});
const rate = (action: Record<string, unknown> = { block: {} }) => ({
  name: "rate-limit",
  priority: 10,
  action,
  statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
  visibilityConfig: {
    cloudwatchMetricsEnabled: true,
    metricName: "rate",
    sampledRequestsEnabled: true,
  },
});
const goodRules = () => [
  managed("AWSManagedRulesCommonRuleSet"),
  managed("AWSManagedRulesKnownBadInputsRuleSet"),
  rate(),
];
const acl = (rules: unknown = goodRules(), over: Record<string, unknown> = {}) =>
  res(WAFV2_WEB_ACL, "acl", {
    scope: "REGIONAL",
    arn: UNKNOWN,
    defaultAction: { allow: {} },
    rules,
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      metricName: "acl",
      sampledRequestsEnabled: true,
    },
    ...over,
  });

describe("wafv2-web-acl-managed-rules", () => {
  const name = "wafv2-web-acl-managed-rules";

  describe("Noncompliance", () => {
    it("catches a missing group, a counting group and a non-AWS vendor", async () => {
      const missing = await one(name, [acl([managed("AWSManagedRulesCommonRuleSet"), rate()])]);
      expect(missing).to.deep.equal([
        "acl: The web ACL does not use the managed rule group AWSManagedRulesKnownBadInputsRuleSet.",
      ]);
      const counting = await one(name, [
        acl([
          managed("AWSManagedRulesCommonRuleSet", { overrideAction: { count: {} } }),
          managed("AWSManagedRulesKnownBadInputsRuleSet"),
        ]),
      ]);
      expect(counting[0]).to.include("only counts");
      const vendor = managed("AWSManagedRulesCommonRuleSet");
      (vendor.statement.managedRuleGroupStatement as { vendorName: string }).vendorName = "Acme";
      expect(
        await one(name, [acl([vendor, managed("AWSManagedRulesKnownBadInputsRuleSet")])]),
      ).to.have.length(1);
    });
    it("unknown rules are a preview note", async () => {
      expect(await previewNotes(policy(name), [acl(UNKNOWN)])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts the required managed groups in blocking mode", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
    });
    it("finds groups in ruleJson, WebAclRule and WebAclRuleGroupAssociation resources", async () => {
      const json = acl([], {
        ruleJson: JSON.stringify([
          {
            Name: "common",
            Statement: {
              ManagedRuleGroupStatement: {
                VendorName: "AWS",
                Name: "AWSManagedRulesCommonRuleSet",
              },
            },
            OverrideAction: { None: {} },
          },
        ]),
      });
      const ruleRes = res(
        WAFV2_WEB_ACL_RULE,
        "bad-inputs",
        { webAclArn: UNKNOWN, ...managed("AWSManagedRulesKnownBadInputsRuleSet") },
        { refs: { webAclArn: [json] } },
      );
      expect(await one(name, [json, ruleRes])).to.deep.equal([]);
      expect(await one(name, [json])).to.have.length(1);
      const bare = acl([]);
      const rga = (group: string, overrideAction = "none") =>
        res(
          WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION,
          `rga-${group}`,
          {
            webAclArn: UNKNOWN,
            ruleName: group,
            priority: 1,
            managedRuleGroup: { vendorName: "AWS", name: group },
            overrideAction,
          },
          { refs: { webAclArn: [bare] } },
        );
      expect(
        await one(name, [
          bare,
          rga("AWSManagedRulesCommonRuleSet"),
          rga("AWSManagedRulesKnownBadInputsRuleSet"),
        ]),
      ).to.deep.equal([]);
      const v = await one(name, [
        bare,
        rga("AWSManagedRulesCommonRuleSet", "count"),
        rga("AWSManagedRulesKnownBadInputsRuleSet"),
      ]);
      expect(v[0]).to.include("only counts");
    });
    it("takes the required groups from config", async () => {
      const config = {
        [name]: { requiredManagedRuleGroups: ["AWSManagedRulesAmazonIpReputationList"] },
      };
      expect(await one(name, [acl()], config)).to.have.length(1);
    });
  });
});

describe("wafv2-web-acl-rate-limit", () => {
  const name = "wafv2-web-acl-rate-limit";

  describe("Noncompliance", () => {
    it("catches no rate-based rule and a counting one", async () => {
      expect(await one(name, [acl([managed("AWSManagedRulesCommonRuleSet")])])).to.have.length(1);
      const v = await one(name, [acl([rate({ count: {} })])]);
      expect(v[0]).to.include("only count");
    });
  });

  describe("Compliance", () => {
    it("accepts a blocking rate-based rule, inline or as a WebAclRule", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
      const bare = acl([]);
      const r = res(
        WAFV2_WEB_ACL_RULE,
        "rate",
        { webAclArn: UNKNOWN, ...rate() },
        { refs: { webAclArn: [bare] } },
      );
      expect(await one(name, [bare, r])).to.deep.equal([]);
    });
  });
});

describe("wafv2-web-acl-metrics", () => {
  const name = "wafv2-web-acl-metrics";

  describe("Noncompliance", () => {
    it("catches metrics off on the ACL, an inline rule, a ruleJson rule and a rule resource", async () => {
      expect(
        await one(name, [
          acl(undefined, {
            visibilityConfig: {
              cloudwatchMetricsEnabled: false,
              metricName: "a",
              sampledRequestsEnabled: true,
            },
          }),
        ]),
      ).to.have.length(1);
      const quiet = managed("AWSManagedRulesCommonRuleSet", {
        visibilityConfig: {
          cloudwatchMetricsEnabled: false,
          metricName: "c",
          sampledRequestsEnabled: false,
        },
      });
      expect(await one(name, [acl([quiet])])).to.deep.equal([
        "acl: CloudWatch metrics are disabled for rule 'AWSManagedRulesCommonRuleSet'.",
      ]);
      const json = acl([], {
        ruleJson: JSON.stringify([
          { Name: "j", VisibilityConfig: { CloudWatchMetricsEnabled: false } },
        ]),
      });
      expect(await one(name, [json])).to.have.length(1);
      const ruleRes = res(WAFV2_WEB_ACL_RULE, "r", {
        webAclArn: UNKNOWN,
        visibilityConfig: {
          cloudwatchMetricsEnabled: false,
          metricName: "r",
          sampledRequestsEnabled: true,
        },
      });
      expect(await one(name, [ruleRes])).to.have.length(1);
      expect(
        await one(name, [res(WAFV2_WEB_ACL_RULE, "r2", { webAclArn: UNKNOWN })]),
      ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("accepts metrics on the ACL and every rule", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
    });
  });
});

describe("wafv2-web-acl-logging", () => {
  const name = "wafv2-web-acl-logging";

  describe("Noncompliance", () => {
    it("catches an ACL without logging", async () => {
      expect(await one(name, [acl()])).to.deep.equal([
        "acl: The web ACL has no logging configuration.",
      ]);
    });
    it("matches a literal ACL ARN, and notes an unknown unrelated one", async () => {
      const arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/1";
      const log = res(WAFV2_WEB_ACL_LOGGING_CONFIGURATION, "l", {
        resourceArn: arn,
        logDestinationConfigs: ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-x"],
      });
      expect(await one(name, [acl(undefined, { arn }), log])).to.deep.equal([]);
      const unknown = res(WAFV2_WEB_ACL_LOGGING_CONFIGURATION, "l", {
        resourceArn: UNKNOWN,
        logDestinationConfigs: [],
      });
      expect(await one(name, [acl(), unknown])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [acl(), unknown])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts a logging configuration built from the ACL", async () => {
      const a = acl();
      const log = res(
        WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
        "acl-logging",
        { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] },
        { refs: { resourceArn: [a] } },
      );
      expect(await one(name, [a, log])).to.deep.equal([]);
    });
  });
});
