// Remote components of synced-folder, aws-static-website, aws-apigateway and eks, run through the check
// as `npm run check -- --program <dir>` runs them (both phases): their children stay unseen, so
// the report is incomplete and names each component, while the rules on their inputs find what
// those inputs decide, at preview already (the inputs are known then).
// Fixtures: test/fixtures/programs/synced-folder-site (the static-website template's public-read
// folder next to a private one), aws-static-website-cdn (a Website with a CDN, a
// PublicBucketPolicy), restapi-routes (an open route, an authorized one and a preflight; a second
// API behind an API key, with a localPath route), eks-managed-nodes
// (managed node groups with IMDSv2 off, on, and left out on AL2 and AL2023; a NodeGroupV2 passing
// httpTokens "optional"; a Cluster whose default node group runs AL2 through nodeGroupOptions, not judged).
import { expect } from "chai";
import { summarize } from "../../tools/check/report";
import type { StackResult } from "../../tools/check/run";
import { findings, QueuedRuns, withoutRegionEnv } from "./program-runs";

const runs = new QueuedRuns();
const BOTH = ["preview", "apply"] as const;
const FIXTURES = [
  "synced-folder-site",
  "aws-static-website-cdn",
  "restapi-routes",
  "eks-managed-nodes",
];

/** `<type> <name>` of each remote component the report lists, sorted. */
const remote = (r: StackResult) => r.remoteComponents.map((c) => `${c.type} ${c.name}`).sort();

/** The one finding of `policy` on `name`: mandatory, first shown at preview, again at apply. */
function judgedAtPreview(r: StackResult, policy: string, name: string) {
  const f = findings(r, policy, name);
  expect(f, `${policy} on ${name}`).to.have.length(1);
  expect(f[0].enforcementLevel).to.equal("mandatory");
  expect(f[0].phase).to.equal("preview");
  expect(f[0].phases).to.deep.equal([...BOTH]);
  return f[0];
}

describe("remote components' inputs (synced-folder, aws-static-website, aws-apigateway, eks), offline", function () {
  this.timeout(300_000);

  withoutRegionEnv();
  before(() => {
    for (const f of FIXTURES) runs.queueCheck(f, [...BOTH]);
  });

  it("a public-read S3BucketFolder is found, the private one passes, and both stay incomplete", async () => {
    const r = await runs.check("synced-folder-site", [...BOTH]);
    expect(remote(r)).to.deep.equal([
      "synced-folder:index:S3BucketFolder assets-folder",
      "synced-folder:index:S3BucketFolder bucket-folder",
    ]);
    expect(summarize(r).incomplete).to.equal(true);
    const f = judgedAtPreview(r, "synced-folder-objects-no-public-acl", "bucket-folder");
    expect(f.detail).to.contain('canned ACL "public-read" is public');
    expect(findings(r, "synced-folder-objects-no-public-acl", "assets-folder")).to.deep.equal([]);
    // The pack's own list of remote components counts the folders too, as `pulumi preview` runs it.
    expect(findings(r, "stack-remote-components-unexpanded")[0]?.detail).to.match(
      /^2 remote component\(s\).*2 synced-folder:index:S3BucketFolder/,
    );
    // The bucket's public-access block the program turned off is judged as any other.
    expect(findings(r, "s3-public-access-block-all-flags", "public-access-block")).to.have.length(
      1,
    );
  });

  it("a Website and a PublicBucketPolicy are found whatever their inputs, and stay incomplete", async () => {
    const r = await runs.check("aws-static-website-cdn", [...BOTH]);
    expect(remote(r)).to.deep.equal([
      "aws-static-website:index:PublicBucketPolicy assets-public",
      "aws-static-website:index:Website website",
    ]);
    expect(summarize(r).incomplete).to.equal(true);
    const f = judgedAtPreview(r, "static-website-bucket-no-public-acl", "website");
    expect(f.detail).to.contain("behind the CloudFront distribution it adds");
    const p = judgedAtPreview(r, "static-website-public-bucket-policy-not-used", "assets-public");
    expect(p.detail).to.contain("blockPublicAcls false");
  });

  it("the RestAPI's open route is found, the authorized, preflight and keyed routes pass; a localPath route's role is found", async () => {
    const r = await runs.check("restapi-routes", [...BOTH]);
    expect(remote(r)).to.deep.equal([
      "aws-apigateway:index:RestAPI api",
      "aws-apigateway:index:RestAPI keyed",
    ]);
    expect(summarize(r).incomplete).to.equal(true);
    const f = judgedAtPreview(r, "aws-apigateway-restapi-route-authorization", "api");
    expect(f.detail).to.match(/^GET \/date without authorization/);
    expect(f.detail).to.not.contain("/orders");
    expect(findings(r, "aws-apigateway-restapi-route-authorization", "keyed")).to.deep.equal([]);
    const role = judgedAtPreview(r, "aws-apigateway-restapi-static-route-role", "keyed");
    expect(role.detail).to.contain("GET /docs (localPath)").and.contain("AmazonS3FullAccess");
    expect(findings(r, "aws-apigateway-restapi-static-route-role", "api")).to.deep.equal([]);
  });

  it("node groups with IMDSv1 allowed by their inputs are found; required, on AL2023, or a Cluster's default group, not", async () => {
    const r = await runs.check("eks-managed-nodes", [...BOTH]);
    expect(remote(r)).to.deep.equal([
      "eks:index:Cluster al2-default",
      "eks:index:Cluster demo",
      "eks:index:ManagedNodeGroup defaults",
      "eks:index:ManagedNodeGroup legacy",
      "eks:index:ManagedNodeGroup modern",
      "eks:index:ManagedNodeGroup workers",
      "eks:index:NodeGroupV2 self-managed",
    ]);
    expect(summarize(r).incomplete).to.equal(true);
    const rule = "eks-component-nodes-imdsv2";
    expect(judgedAtPreview(r, rule, "legacy").detail).to.contain('httpTokens "optional"');
    expect(judgedAtPreview(r, rule, "defaults").detail).to.contain('operatingSystem "AL2"');
    expect(judgedAtPreview(r, rule, "self-managed").detail).to.contain("goes as given");
    // A Cluster's default node group is not judged on its inputs: a real preview sees the Cluster
    // the plugin registers and its children (the launch template), offline those stay unseen.
    for (const name of ["workers", "modern", "demo", "al2-default"])
      expect(findings(r, rule, name), name).to.deep.equal([]);
  });
});
