// Where each value of a stack's effective config came from (tools/check/config-sources.ts): the
// stack file at the key's line, Pulumi.yaml's `default` or `value` at its line, or `--config`
// for the run, which replaces the stack file's value and its line.
import { expect } from "chai";
import { demoProgram } from "./demo-program";
import { loadProject, loadStackConfig } from "../../tools/check/project";
import { sourceText } from "../../tools/check/config-sources";

const PROJECT =
  "name: demo\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: 20\n" +
  "  retries: 3\n  aws:region:\n    value: eu-west-1\n";

describe("offline check: where each config value came from", () => {
  it("names the stack file's line, Pulumi.yaml's default or value line, and --config", () => {
    const dir = demoProgram({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "config:\n  demo:name: web\n  demo:desired: 5\n",
    });
    const project = loadProject(dir);
    const config = loadStackConfig(project, "dev", { overrides: { desired: "4" } });
    expect(config.values["demo:desired"]).to.equal("4");
    expect(config.sources).to.deep.equal({
      "demo:name": { from: "stack", file: config.file, line: 2 },
      "demo:desired": { from: "--config" },
      "demo:size": { from: "project", file: project.file, line: 6, kind: "default" },
      // A plain value is a default for the project's keys: at the key's own line.
      "demo:retries": { from: "project", file: project.file, line: 7, kind: "default" },
      "aws:region": { from: "project", file: project.file, line: 9, kind: "value" },
    });
    expect(sourceText(config.sources["demo:desired"])).to.equal("--config of this run");
    expect(sourceText(config.sources["demo:size"])).to.match(/^default in \S*Pulumi\.yaml:6$/);
    expect(sourceText(config.sources["demo:name"])).to.match(/Pulumi\.dev\.yaml:2$/);
  });

  it("a stack without a stack file: Pulumi.yaml's defaults and --config only", () => {
    const dir = demoProgram({ "Pulumi.yaml": PROJECT });
    const project = loadProject(dir);
    const config = loadStackConfig(project, "new", {
      allowMissing: true,
      overrides: { "demo:size": "30" },
    });
    expect(config.sources["demo:size"]).to.deep.equal({ from: "--config" });
    expect(config.sources["demo:retries"]).to.include({ from: "project", line: 7 });
    expect(Object.values(config.sources).some((s) => s.from === "stack")).to.equal(false);
  });
});
