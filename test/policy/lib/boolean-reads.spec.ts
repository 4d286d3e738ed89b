// Every rule reads a boolean resource input as the AWS provider reads it: `true`/`false`, or a
// string Go's strconv.ParseBool accepts ("true", "True", "1", "f", ...), through flagValue/flagOn
// (policy-pack/lib/values.ts). The bridge's Check parses a TypeBool string that way before AWS sees
// it (so `pulumi preview` hands the analyzer booleans), but the offline check, the specs and anyone
// feeding inputs directly see the string the program wrote; one rule comparing `=== true` while
// another reads flagValue would judge the same input two ways. This spec parses every file of the
// pack and fails on a comparison of a value with `true`/`false` or "true"/"false" that is not a
// flagValue(...) result; the few comparisons that are not reads of a provider's boolean input are
// listed below, each with its reason.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const DIRS = ["policy-pack/policies", "policy-pack/lib"];

/** Comparisons that are not reads of a provider's boolean input: file, the expression, why. */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  {
    file: "policy-pack/policies/analytics/emr.ts",
    text: "doc?.EncryptionConfiguration?.EnableInTransitEncryption !== true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (an EMR security configuration)",
  },
  {
    file: "policy-pack/policies/kms/analytics.ts",
    text: "encryption?.EnableAtRestEncryption !== true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (an EMR security configuration)",
  },
  {
    file: "policy-pack/policies/kms/analytics.ts",
    text: "disk.EnableEbsEncryption !== true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (an EMR security configuration)",
  },
  {
    file: "policy-pack/policies/kms/analytics.ts",
    text: "doc?.AWSOwnedKey === true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (an OpenSearch Serverless encryption policy)",
  },
  {
    file: "policy-pack/policies/exposure/reachability.ts",
    text: "rule?.AllowFromPublic === true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (an OpenSearch Serverless network policy)",
  },
  {
    file: "policy-pack/policies/edge/waf.ts",
    text: "r?.VisibilityConfig?.CloudWatchMetricsEnabled !== true",
    why: "a field of a JSON document the service parses itself, not a provider boolean input (a WAFv2 ruleJson)",
  },
  {
    file: "policy-pack/lib/kms/session-documents.ts",
    text: 'value.toLowerCase() === "true"',
    why: "a value of an SSM session document (YAML or JSON) Session Manager reads itself",
  },
  {
    file: "policy-pack/lib/kms/session-documents.ts",
    text: "value === true",
    why: "a value of an SSM session document (JSON) Session Manager reads itself",
  },
  {
    file: "policy-pack/policies/analytics/redshift-clusters.ts",
    text: 'value !== "true"',
    why: "a Redshift parameter group value: a string Redshift reads, not a provider boolean",
  },
  {
    file: "policy-pack/policies/analytics/redshift.ts",
    text: 'String(ssl.parameterValue).toLowerCase() !== "true"',
    why: "a Redshift parameter group value: a string Redshift reads, not a provider boolean",
  },
  {
    file: "policy-pack/policies/compute/beanstalk.ts",
    text: 'streaming?.toLowerCase() !== "true"',
    why: "an Elastic Beanstalk option setting value: a string Beanstalk reads",
  },
  {
    file: "policy-pack/policies/compute/beanstalk.ts",
    text: 'on?.toLowerCase() !== "true"',
    why: "an Elastic Beanstalk option setting value: a string Beanstalk reads",
  },
  {
    file: "policy-pack/lib/native/load-balancers.ts",
    text: 'String(v) === "true"',
    why: "a load balancer attribute value: a string Elastic Load Balancing reads",
  },
  {
    file: "policy-pack/policies/iam/trust.ts",
    text: 'String(v).toLowerCase() === "true"',
    why: "an IAM condition value (Bool operator), read as IAM reads it",
  },
  {
    file: "policy-pack/lib/resource-policies.ts",
    text: 'v.toLowerCase() === "false"',
    why: "an IAM condition value (aws:SecureTransport), read as IAM reads it",
  },
  {
    file: "policy-pack/policies/components/eks-imds.ts",
    text: "props?.enableIMDSv2 === false",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks)",
  },
  {
    file: "policy-pack/policies/components/eks.ts",
    text: "props.endpointPublicAccess === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks; only the wording of a finding)",
  },
  {
    file: "policy-pack/policies/components/eks.ts",
    text: "props.skipDefaultNodeGroup === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks)",
  },
  {
    file: "policy-pack/policies/components/eks.ts",
    text: "props.autoMode?.enabled !== true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks)",
  },
  {
    file: "policy-pack/policies/components/eks.ts",
    text: "found.setting === false",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks nodeAssociatePublicIpAddress)",
  },
  {
    file: "policy-pack/policies/components/eks.ts",
    text: "setting === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (pulumi-eks; only the wording of a finding)",
  },
  {
    file: "policy-pack/policies/components/load-balancers.ts",
    text: "d.skip === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (awsx defaultSecurityGroup.skip)",
  },
  {
    file: "policy-pack/policies/components/static-website.ts",
    text: "withCdn.value === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (only the wording of a finding)",
  },
  {
    file: "policy-pack/policies/components/synced-folder.ts",
    text: "managed.value === false",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (only the wording of a finding)",
  },
  {
    file: "policy-pack/lib/components/awsx.ts",
    text: "lg.enable !== true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (awsx OptionalLogGroup.enable)",
  },
  {
    file: "policy-pack/lib/components/awsx.ts",
    text: "lg.skip === true",
    why: "a component input: the component's own code reads it, not the provider's ParseBool (awsx DefaultLogGroup.skip)",
  },
  {
    file: "policy-pack/policies/kms/snapshots.ts",
    text: "kind.flagDefault === true",
    why: "the rule's own table of provider defaults, not an input",
  },
  {
    file: "policy-pack/lib/native/classic-props.ts",
    text: "derived[k]?.always === true",
    why: "the module's own table of derived properties, not an input",
  },
  {
    file: "policy-pack/policies/s3/resilience.ts",
    text: "inline === true",
    why: "the result of inlineNotifications (boolean or undefined), not an input",
  },
  {
    file: "policy-pack/policies/s3/resilience.ts",
    text: "inline === false",
    why: "the result of inlineNotifications (boolean or undefined), not an input",
  },
  {
    file: "policy-pack/lib/values.ts",
    text: "v !== false",
    why: "isSet: whether a reference (a key ARN, a profile name) is given at all, not a switch read",
  },
];

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** A `true`/`false` keyword or a "true"/"false" string literal (any case). */
function isBooleanLiteral(n: ts.Expression): boolean {
  if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) return true;
  return ts.isStringLiteralLike(n) && /^(true|false)$/i.test(n.text);
}

/** flagValue(...): the reader this spec asks for. */
function isFlagValueCall(n: ts.Expression): boolean {
  const e = ts.isParenthesizedExpression(n) ? n.expression : n;
  return ts.isCallExpression(e) && e.expression.getText() === "flagValue";
}

/** Names of the file's constants that hold a flagValue(...) result (`const flag = flagValue(x)`). */
function flagValueConstants(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      isFlagValueCall(n.initializer) &&
      ts.isVariableDeclarationList(n.parent) &&
      (n.parent.flags & ts.NodeFlags.Const) !== 0
    )
      names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(rel));
    else if (entry.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

/** Every comparison with a boolean literal whose other side is not flagValue(...). */
function rawComparisons(
  file: string,
  source = fs.readFileSync(path.join(ROOT, file), "utf8"),
): { file: string; line: number; text: string }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { file: string; line: number; text: string }[] = [];
  const flags = flagValueConstants(sf);
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && COMPARISONS.has(n.operatorToken.kind)) {
      const other = isBooleanLiteral(n.right) ? n.left : isBooleanLiteral(n.left) ? n.right : null;
      const held = other !== null && ts.isIdentifier(other) && flags.has(other.text);
      if (other && !held && !isFlagValueCall(other)) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
        found.push({ file, line, text: n.getText().replace(/\s+/g, " ") });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("boolean inputs are read as the provider reads them (flagValue/flagOn)", () => {
  const all = DIRS.flatMap(filesUnder).flatMap((f) => rawComparisons(f));
  const allowed = (c: { file: string; text: string }) =>
    ALLOWED.some((a) => a.file === c.file && a.text === c.text);

  it('no rule compares an input with true/false or "true"/"false" directly', () => {
    const raw = all.filter((c) => !allowed(c)).map((c) => `${c.file}:${c.line}: ${c.text}`);
    expect(
      raw,
      "read these with flagValue/flagOn, or list them in ALLOWED with a reason",
    ).to.deep.equal([]);
  });

  it("every allowed comparison still exists (the list is not stale)", () => {
    const stale = ALLOWED.filter((a) => !all.some((c) => c.file === a.file && c.text === a.text));
    expect(stale).to.deep.equal([]);
  });

  it("finds a direct comparison and lets flagValue/flagOn through (the check is not vacuous)", () => {
    const source = [
      "if (props.a !== true) report();",
      'if (String(props.b).toLowerCase() === "false") report();',
      "if (flagValue(props.c) === false) report();",
      "if (flagOn(props.d)) report();",
      "const e = flagValue(props.e);",
      "if (e === true) report();",
      "let f = props.f;",
      "if (f === true) report();",
    ].join("\n");
    expect(rawComparisons("example.ts", source).map((c) => `${c.line}: ${c.text}`)).to.deep.equal([
      "1: props.a !== true",
      '2: String(props.b).toLowerCase() === "false"',
      "8: f === true",
    ]);
  });
});
