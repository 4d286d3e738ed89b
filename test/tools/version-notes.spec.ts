// The notes on package versions the check gives beside a program's result: copies of
// @pulumi/pulumi of different majors, a provider of another major than the pack is written for,
// and each @pulumi package loaded at another major than the program's package.json asks for
// (only those a finished run used). Built on throwaway node_modules trees, no program runs.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  declaredVersionWarnings,
  pulumiCopies,
  usedPackages,
  versionWarnings,
} from "../../tools/lib/engine/versions";
import { ROOT, SCRATCH } from "./program-runs";

describe("version notes beside a program's result", () => {
  it("warns about @pulumi/pulumi copies of different majors and a provider of another major", () => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    const dir = fs.mkdtempSync(path.join(SCRATCH, "versions-"));
    try {
      const pkg = (p: string, name: string, version: string) => {
        fs.mkdirSync(path.join(dir, p), { recursive: true });
        fs.writeFileSync(path.join(dir, p, "package.json"), JSON.stringify({ name, version }));
      };
      pkg("node_modules/@pulumi/pulumi", "@pulumi/pulumi", "3.120.0");
      pkg("node_modules/@pulumi/aws", "@pulumi/aws", "6.66.0");
      pkg("node_modules/@pulumi/aws/node_modules/@pulumi/pulumi", "@pulumi/pulumi", "2.25.2");
      expect(pulumiCopies(path.join(dir, "node_modules")).map((c) => c.version)).to.deep.equal([
        "3.120.0",
        "2.25.2",
      ]);
      // The program asks for the majors it has installed: no note on its package.json.
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ dependencies: { "@pulumi/aws": "^6.0.0", "@pulumi/pulumi": "^3" } }),
      );
      const warnings = versionWarnings(dir, ROOT);
      expect(warnings[0]).to.match(
        /^Found incompatible versions of @pulumi\/pulumi\. Differing major versions are not supported\.\n {2}Version 3\.120\.0 referenced at .*\n {2}Version 2\.25\.2 referenced at /,
      );
      expect(warnings[1]).to.contain("the program loads @pulumi/aws 6.66.0");
      expect(warnings[1]).to.contain("written for @pulumi/aws ^7");
      expect(warnings).to.have.length(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says what an SDK of another major changes, and when it sends no file and line at all", () => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    const dir = fs.mkdtempSync(path.join(SCRATCH, "versions-sdk-"));
    try {
      const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
      fs.mkdirSync(path.join(sdk, "runtime"), { recursive: true });
      fs.writeFileSync(
        path.join(sdk, "package.json"),
        JSON.stringify({ name: "@pulumi/pulumi", version: "2.25.2" }),
      );
      // SDK 2's registration sets no source position (its resource.js never calls the setter).
      const resourceJs = path.join(sdk, "runtime", "resource.js");
      fs.writeFileSync(resourceJs, "req.setType(t);\nreq.setName(name);\n");
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ dependencies: { "@pulumi/pulumi": "^2.0.0" } }),
      );
      const warnings = versionWarnings(dir, ROOT);
      expect(warnings[0]).to.contain("the program loads @pulumi/pulumi 2.25.2, but the check");
      expect(warnings[0]).to.contain("resource options and the engine protocol differ");
      expect(warnings[0]).not.to.contain("type tokens");
      expect(warnings[1]).to.equal(
        "the program's @pulumi/pulumi 2.25.2 sends no source positions with its registrations, " +
          "so its findings name no file or line; @pulumi/pulumi 3.76.0 and later send them",
      );
      expect(warnings).to.have.length(2);
      // An unreadable version leaves no gap where it would be.
      fs.writeFileSync(path.join(sdk, "package.json"), "{ not json");
      const unread = versionWarnings(dir, ROOT).find((w) => w.includes("source positions"));
      expect(unread).to.contain("the program's @pulumi/pulumi sends no source positions");
      expect(unread).not.to.contain("  ");
      fs.writeFileSync(
        path.join(sdk, "package.json"),
        JSON.stringify({ name: "@pulumi/pulumi", version: "2.25.2" }),
      );
      // An SDK that sets them draws no such note.
      fs.writeFileSync(resourceJs, "req.setSourceposition(pos);\n");
      expect(versionWarnings(dir, ROOT).join("\n")).not.to.contain("source positions");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names each @pulumi package loaded at another major than package.json asks for", () => {
    // Outside the repository, so that only what the program installs resolves from it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declared-"));
    try {
      fs.mkdirSync(path.join(dir, "node_modules", "@pulumi", "aws"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "node_modules", "@pulumi", "aws", "package.json"),
        JSON.stringify({ name: "@pulumi/aws", version: "6.66.0" }),
      );
      const deps = {
        "@pulumi/aws": "^5.0.0", // installed 6.66.0
        "@pulumi/awsx": "~0.40.1", // not installed: the check's awsx 3
        "@pulumi/pulumi": ">=3", // open upwards: no major to hold it to
        "@pulumi/random": "latest",
        mime: "^1.0.0", // not a Pulumi package
      };
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies: deps }));
      const declared = declaredVersionWarnings(dir, ROOT);
      expect(declared).to.have.length(2);
      expect(declared[0]).to.contain(
        "package.json asks for @pulumi/aws ^5.0.0, but the program loads 6.66.0 (",
      );
      expect(declared[0]).to.contain("update it to @pulumi/aws 6");
      expect(declared[1]).to.match(
        /package\.json asks for @pulumi\/awsx ~0\.40\.1, but the program has not installed it and runs on the check's 3\.\d+\.\d+: /,
      );
      expect(versionWarnings(dir, ROOT).slice(0, 2)).to.deep.equal(declared);
      // A run that finished used aws only (awsx is listed but never imported): no awsx note.
      const used = usedPackages(["pulumi:pulumi:Stack", "pulumi:providers:aws", "my:app:Web"]);
      expect([...used]).to.deep.equal(["@pulumi/aws", "@pulumi/my"]);
      expect(declaredVersionWarnings(dir, ROOT, used)).to.deep.equal([declared[0]]);
      expect(usedPackages(["awsx:ec2:Vpc", "aws:ec2/getAmi:getAmi"])).to.deep.equal(
        new Set(["@pulumi/awsx", "@pulumi/aws"]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
