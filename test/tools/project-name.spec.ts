// Pulumi.yaml's `name` is checked as the CLI checks it (tools/check/project.ts, projectNameError):
// a template folder run before `pulumi new` keeps `${PROJECT}`, which `pulumi preview` refuses.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, projectNameError } from "../../tools/check/project";
import { usageErrorOf } from "./usage-errors";

function projectWithName(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-name-"));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `description: a program\nname: ${name}\nruntime: nodejs\n`,
  );
  return dir;
}

describe("Pulumi.yaml project name", () => {
  it("accepts the names the CLI accepts", () => {
    for (const name of ["aws-typescript", "my_app.v2", "A1", "x".repeat(100)]) {
      expect(projectNameError(name), name).to.equal(undefined);
    }
    expect(loadProject(projectWithName("aws-typescript")).name).to.equal("aws-typescript");
  });

  it("refuses a template's ${PROJECT} at its line, with `pulumi new` as the fix", () => {
    const dir = projectWithName("${PROJECT}");
    const { message } = usageErrorOf(() => loadProject(dir));
    expect(message).to.contain("Pulumi.yaml:2");
    expect(message).to.contain("project names may only contain alphanumerics");
    expect(message).to.contain("`pulumi new <this folder>`");
  });

  it("refuses other characters and over-long names without the template advice", () => {
    expect(projectNameError("my app")).to.contain("may only contain alphanumerics");
    expect(projectNameError("acme/app")).to.not.contain("pulumi new");
    expect(projectNameError("x".repeat(101))).to.contain("limited to 100 characters");
  });
});
