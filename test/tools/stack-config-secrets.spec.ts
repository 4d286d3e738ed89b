// Secrets of a stack file the offline check cannot decrypt: what the program gets in their place,
// and what the report says of it, also for a `secure:` nested in an object.
import { expect } from "chai";
import { demoProgram } from "./demo-program";
import { loadProject, loadStackConfig } from "../../tools/check/project";
import { isSecretPlaceholder, quotesPlaceholder } from "../../tools/check/secret-placeholders";
import { configHints } from "../../tools/check/explain";
import { ProgramError } from "../../tools/check/run";

describe("offline check: secrets in the stack file", () => {
  it("a secure value nested in an object: the note shows the value the program got, whole", () => {
    const dir = demoProgram({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml":
        "config:\n  demo:db:\n    user: app\n    password:\n      secure: v1:AAAAAAAAAAAAAAAA:c2VjcmV0\n" +
        "  demo:token:\n    secure: v1:AAAAAAAAAAAAAAAA:dG9rZW4=\n",
    });
    const config = loadStackConfig(loadProject(dir), "dev");
    expect(JSON.parse(config.values["demo:db"])).to.deep.equal({
      user: "app",
      password: "offline-secret-placeholder-1",
    });
    const [note] = config.notes.filter((n) => n.startsWith("secret config"));
    expect(note).to.contain(
      '({"user":"app","password":"offline-secret-placeholder-1"}, "offline-secret-placeholder-2", marked secret)',
    );
    expect(note).to.match(/\(for demo:db, the whole value as JSON\)$/);
  });

  it("each secure key gets a placeholder of its own, in the file's order, clearly fake", () => {
    const dir = demoProgram({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml":
        "config:\n  demo:token:\n    secure: v1:AAAAAAAAAAAAAAAA:dG9rZW4=\n" +
        "  demo:dbPassword:\n    secure: v1:AAAAAAAAAAAAAAAA:cHc=\n" +
        "  demo:pair:\n    - secure: v1:AAAAAAAAAAAAAAAA:YQ==\n    - secure: v1:AAAAAAAAAAAAAAAA:Yg==\n",
    });
    const config = loadStackConfig(loadProject(dir), "dev");
    expect(config.placeholders).to.deep.equal({
      "demo:token": "offline-secret-placeholder-1",
      "demo:dbPassword": "offline-secret-placeholder-2",
      "demo:pair": "offline-secret-placeholder-3",
    });
    expect(config.values["demo:dbPassword"]).to.equal("offline-secret-placeholder-2");
    // Every leaf of one key holds that key's placeholder.
    expect(JSON.parse(config.values["demo:pair"])).to.deep.equal([
      "offline-secret-placeholder-3",
      "offline-secret-placeholder-3",
    ]);
    for (const p of Object.values(config.placeholders))
      expect(isSecretPlaceholder(p)).to.equal(true);
    expect(isSecretPlaceholder("offline-secret-placeholder")).to.equal(true);
    expect(isSecretPlaceholder("my-offline-secret-placeholder-1")).to.equal(false);
    expect(
      quotesPlaceholder("pw-offline-secret-placeholder-12", "offline-secret-placeholder-1"),
    ).to.equal(false);
    expect(
      quotesPlaceholder("pw-offline-secret-placeholder-1!", "offline-secret-placeholder-1"),
    ).to.equal(true);
  });

  it("a program failure that quotes one placeholder names that secret, among several", () => {
    const dir = demoProgram({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml":
        "config:\n  demo:token:\n    secure: v1:AAAAAAAAAAAAAAAA:dG9rZW4=\n" +
        "  demo:endpoint:\n    secure: v1:AAAAAAAAAAAAAAAA:cHc=\n",
    });
    const project = loadProject(dir);
    const config = loadStackConfig(project, "dev");
    const fail = (message: string) =>
      configHints(
        new ProgramError(message, "program", undefined, undefined, [], "dev"),
        new Map([["dev", { project, config }]]),
      );
    const hints = fail('TypeError: Invalid URL: "offline-secret-placeholder-2/v1"');
    expect(hints.reason).to.match(/^demo:endpoint is a secret \(secure: in /);
    expect(hints.reason).to.contain(
      'the program got the placeholder "offline-secret-placeholder-2"',
    );
    expect(hints.reason).to.not.contain("demo:token");
    // One that quotes none: a note on every secret, no reason.
    const none = fail("TypeError: something else");
    expect(none.reason).to.equal(undefined);
    expect(none.notes.join("\n")).to.contain("demo:endpoint, demo:token are secrets");
    // A failure before any code ran (a package not installed, a compile error): no secret note.
    for (const message of [
      "Cannot find module '@slack/web-api'\nRequire stack:\n- /p/index.ts",
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'dotenv' imported from /p/index.ts",
      "TypeScript could not compile the program: index.ts(3,1): error TS2339: Property 'x' does not exist",
    ]) {
      expect(fail(message), message).to.deep.equal({
        notes: [],
        configError: false,
        reason: undefined,
      });
    }
    // A file by a relative or absolute path may be one the program computed from a value (the
    // first label of a secret tenant id: `./tenants/offline`): every secret is still noted.
    for (const message of [
      "Cannot find module './tenants/offline'\nRequire stack:\n- /p/index.ts",
      "Cannot find module '../settings/offline'",
      "Cannot find module '/p/tenants/offline.json'",
    ]) {
      expect(fail(message).notes.join("\n"), message).to.contain(
        "demo:endpoint, demo:token are secrets",
      );
    }
    // One that names a secret's placeholder as the module still names that secret.
    expect(fail("Cannot find module './envs/offline-secret-placeholder-1'").reason).to.match(
      /^demo:token is a secret/,
    );
  });
});
