// The Runtime's web ACL (prod) applied to requests: which the AWS managed rule groups and the
// project's own rules block, count or allow. The rest of the Runtime: ./runtime.spec.ts.
import { expect } from "chai";
import { Recording } from "../../tools/lib/recorder";
import { runtimeStacks } from "../fixtures/runtime-stacks";
import { findOne } from "../helpers";

describe("Runtime", () => {
  let prod: Recording;
  before(async () => {
    ({ prod } = await runtimeStacks());
  });

  describe("what the web ACL does to requests", () => {
    // The labels AWS managed rules add when they match (WAF docs, "Baseline rule groups" and
    // "Known bad inputs"; a rule counted by an override still adds its label).
    const GROUP_OF: Record<string, { group: string; label: string }> = {
      NoUserAgent_HEADER: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:NoUserAgent_Header",
      },
      SizeRestrictions_BODY: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:SizeRestrictions_Body",
      },
      CrossSiteScripting_BODY: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:CrossSiteScripting_Body",
      },
      CrossSiteScripting_QUERYARGUMENTS: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:CrossSiteScripting_QueryArguments",
      },
      GenericLFI_BODY: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:GenericLFI_Body",
      },
      GenericRFI_BODY: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:GenericRFI_Body",
      },
      EC2MetaDataSSRF_BODY: {
        group: "AWSManagedRulesCommonRuleSet",
        label: "core-rule-set:EC2MetaDataSSRF_Body",
      },
      Log4JRCE_BODY: {
        group: "AWSManagedRulesKnownBadInputsRuleSet",
        label: "known-bad-inputs:Log4JRCE_Body",
      },
    };
    interface Req {
      readonly method: string;
      readonly path: string;
      /** Managed rules whose patterns this request matches. */
      readonly trips: readonly (keyof typeof GROUP_OF)[];
    }
    /** A small evaluator of the statement types the ACL uses, in priority order. */
    function evaluate(acl: any, req: Req): "ALLOW" | "BLOCK" {
      const labels = new Set<string>();
      const field = (f: any): string => {
        if (f.uriPath) return req.path;
        if (f.method) return req.method;
        throw new Error(`field ${JSON.stringify(f)} is not modelled`);
      };
      const matches = (st: any): boolean => {
        if (st.andStatement) return st.andStatement.statements.every(matches);
        if (st.orStatement) return st.orStatement.statements.some(matches);
        if (st.notStatement)
          return !matches(st.notStatement.statement ?? st.notStatement.statements?.[0]);
        if (st.labelMatchStatement) return labels.has(st.labelMatchStatement.key);
        if (st.byteMatchStatement) {
          const b = st.byteMatchStatement;
          const v = field(b.fieldToMatch);
          if (b.positionalConstraint === "EXACTLY") return v === b.searchString;
          if (b.positionalConstraint === "STARTS_WITH") return v.startsWith(b.searchString);
          throw new Error(`positional constraint ${b.positionalConstraint} is not modelled`);
        }
        if (st.rateBasedStatement) return false;
        if (st.sizeConstraintStatement) {
          // WAF docs ("Size constraint rule statement"): the number of bytes WAF receives for the
          // component. On a single header that is the header value's length: a content-length
          // header is at most a dozen bytes, whatever the body's size.
          if (st.sizeConstraintStatement.fieldToMatch.singleHeader)
            throw new Error("a size constraint on a header measures the header, not the body");
          throw new Error("size constraint not modelled");
        }
        throw new Error(`statement ${Object.keys(st)} is not modelled`);
      };
      const rules = [...acl.rules].sort((a: any, b: any) => a.priority - b.priority);
      for (const rule of rules) {
        const group = rule.statement.managedRuleGroupStatement;
        if (group) {
          const counted = new Set((group.ruleActionOverrides ?? []).map((o: any) => o.name));
          for (const t of req.trips.filter((x) => GROUP_OF[x].group === group.name)) {
            labels.add(`awswaf:managed:aws:${GROUP_OF[t].label}`);
            if (!counted.has(t) && !rule.overrideAction?.count) return "BLOCK";
          }
          continue;
        }
        if (matches(rule.statement)) {
          if (rule.action.block) return "BLOCK";
          if (rule.action.allow) return "ALLOW";
        }
      }
      return acl.defaultAction.block ? "BLOCK" : "ALLOW";
    }
    const acl = () => findOne(prod, "aws:wafv2/webAcl:WebAcl", "rt-waf-acl").inputs;

    it("lets an image upload through whatever its bytes look like to the body rules", () => {
      const binaryImage: Req = {
        method: "POST",
        path: "/upload",
        trips: [
          "SizeRestrictions_BODY",
          "CrossSiteScripting_BODY",
          "GenericLFI_BODY",
          "GenericRFI_BODY",
          "EC2MetaDataSSRF_BODY",
        ],
      };
      expect(evaluate(acl(), binaryImage)).to.equal("ALLOW");
      expect(evaluate(acl(), { method: "POST", path: "/upload", trips: [] })).to.equal("ALLOW");
    });

    it("keeps every other rule on uploads, and every body rule everywhere else", () => {
      const cases: [Req, string][] = [
        [{ method: "POST", path: "/upload", trips: ["NoUserAgent_HEADER"] }, "BLOCK"],
        [{ method: "POST", path: "/upload", trips: ["Log4JRCE_BODY"] }, "BLOCK"],
        [{ method: "GET", path: "/", trips: ["CrossSiteScripting_QUERYARGUMENTS"] }, "BLOCK"],
        [{ method: "POST", path: "/", trips: ["CrossSiteScripting_BODY"] }, "BLOCK"],
        [{ method: "POST", path: "/images/x", trips: ["GenericLFI_BODY"] }, "BLOCK"],
        [{ method: "POST", path: "/", trips: ["SizeRestrictions_BODY"] }, "BLOCK"],
        [{ method: "POST", path: "/uploads", trips: ["CrossSiteScripting_BODY"] }, "BLOCK"],
        [{ method: "POST", path: "/upload/../admin", trips: ["GenericLFI_BODY"] }, "BLOCK"],
        [{ method: "GET", path: "/", trips: [] }, "ALLOW"],
      ];
      for (const [req, verdict] of cases) {
        expect(evaluate(acl(), req), `${req.method} ${req.path} ${req.trips.join(",")}`).to.equal(
          verdict,
        );
      }
    });

    it("leaves the upload size limit to the app: no size rule on a header, which would measure the header", () => {
      const sized = JSON.stringify(acl().rules).match(/"sizeConstraintStatement"/g) ?? [];
      expect(sized, "a WAF body limit cannot see past the first 8 KB on an ALB").to.deep.equal([]);
    });
  });
});
