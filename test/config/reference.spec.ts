// What repeats the key declarations is generated from them and must not go stale: the config
// block of Pulumi.yaml and docs/config.md (`npm run docs:config` rewrites both).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SECTIONS } from "../../components/config";
import { renderProjectConfig } from "../../components/config/reference";
import { AnyKeyDeclaration, inProjectFile } from "../../components/keys";
import { generatedConfigFiles } from "../../tools/config-docs";
import { ROOT } from "../helpers";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const declarations = SECTIONS.flatMap((s) => Object.values(s.keys) as AnyKeyDeclaration[]);

describe("config reference", () => {
  it("Pulumi.yaml's config block and docs/config.md are the ones the declarations generate", async () => {
    for (const [file, wanted] of Object.entries(await generatedConfigFiles(ROOT))) {
      const shown = path.relative(ROOT, file);
      expect(
        fs.readFileSync(file, "utf8") === wanted,
        `${shown} is stale: run npm run docs:config`,
      ).to.equal(true);
    }
  });

  it("Pulumi.yaml declares exactly the required keys and the plain unconditional defaults, with the declared defaults", () => {
    const config = YAML.parse(read("Pulumi.yaml")).config as Record<string, any>;
    const declared = declarations.filter(inProjectFile);
    expect(Object.keys(config).sort()).to.deep.equal(declared.map((d) => d.key).sort());
    for (const d of declared) {
      expect(config[d.key].default, d.key).to.deep.equal(d.default);
      expect(config[d.key].description, d.key).to.equal(d.description);
    }
    // A declared key without default is required in every stack: only required keys go without.
    for (const [key, spec] of Object.entries(config)) {
      if (spec.default === undefined) {
        expect(declarations.find((d) => d.key === key)?.required, key).to.equal(true);
      }
    }
    // Keys that apply only with another setting never get a project default (it would be set in
    // every stack, and "applies only when" would fire).
    for (const d of declarations.filter((x) => x.appliesWhen)) {
      expect(config, d.key).to.not.have.property(d.key);
    }
  });

  it("names every key, with its full key, in the reference and (when left out) in Pulumi.yaml's comment", () => {
    const reference = read("docs/config.md");
    const block = renderProjectConfig();
    for (const d of declarations) {
      const full = d.key.includes(":") ? d.key : `platform:${d.key}`;
      expect(reference, d.key).to.contain(`\`${full}\``);
      if (!d.key.includes(":")) expect(block, d.key).to.contain(d.key);
    }
  });

  it("gives every key a description and every checked string key the words its messages use", () => {
    for (const d of declarations) {
      expect(d.description, d.key).to.match(/\S{3}/);
      expect(d.allowed ?? "", d.key).to.not.equal("");
    }
  });
});
