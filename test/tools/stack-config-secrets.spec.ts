// Secrets of a stack file the offline check cannot decrypt: what the program gets in their place,
// and what the report says of it, also for a `secure:` nested in an object.
import { expect } from "chai";
import { demoProgram } from "./demo-program";
import { loadProject, loadStackConfig } from "../../tools/check/project";

describe("offline check: secrets in the stack file", () => {
  it("a secure value nested in an object: the note shows the value the program got, whole", () => {
    const dir = demoProgram({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml":
        "config:\n  demo:db:\n    user: app\n    password:\n      secure: v1:c2VjcmV0\n" +
        "  demo:token:\n    secure: v1:dG9rZW4=\n",
    });
    const config = loadStackConfig(loadProject(dir), "dev");
    expect(JSON.parse(config.values["demo:db"])).to.deep.equal({
      user: "app",
      password: "offline-secret-placeholder",
    });
    const [note] = config.notes.filter((n) => n.startsWith("secret config"));
    expect(note).to.contain(
      '({"user":"app","password":"offline-secret-placeholder"}, "offline-secret-placeholder", marked secret)',
    );
    expect(note).to.match(/\(for demo:db, the whole value as JSON\)$/);
  });
});
