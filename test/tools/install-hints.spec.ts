// The install command a failure's hint names is the one of the program's own package manager:
// its package.json's `packageManager` field, else the nearest lock file (a workspace keeps it at
// its root), else npm.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { installCommand, uninstalledPackageHint } from "../../tools/lib/engine/hints";

describe("install commands in the failure hints", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "install-hints-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text = "") => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  it("npm without a lock file, and with its own", () => {
    write("package.json", JSON.stringify({ name: "p" }));
    expect(installCommand(dir).install).to.equal("npm install");
    write("package-lock.json", "{}");
    expect(installCommand(dir).addDev).to.equal("npm install --save-dev");
  });

  it("pnpm, Yarn and Bun by their lock files, found at a workspace's root above the program", () => {
    write("infra/package.json", JSON.stringify({ name: "infra" }));
    const program = path.join(dir, "infra");
    write("pnpm-lock.yaml");
    expect(installCommand(program)).to.deep.equal({
      install: "pnpm install",
      add: "pnpm add",
      addDev: "pnpm add --save-dev",
    });
    fs.rmSync(path.join(dir, "pnpm-lock.yaml"));
    write("yarn.lock");
    expect(installCommand(program).add).to.equal("yarn add");
    fs.rmSync(path.join(dir, "yarn.lock"));
    write("bun.lockb");
    expect(installCommand(program).install).to.equal("bun install");
  });

  it("package.json's packageManager field (Corepack) decides before any lock file", () => {
    write("package.json", JSON.stringify({ name: "p", packageManager: "pnpm@9.12.0" }));
    write("package-lock.json", "{}");
    expect(installCommand(dir).install).to.equal("pnpm install");
  });

  it("an uninstalled dependency of a pnpm program is told to run pnpm install", () => {
    write("package.json", JSON.stringify({ name: "p", dependencies: { "@pulumi/random": "^4" } }));
    write("pnpm-lock.yaml");
    const hint = uninstalledPackageHint("Cannot find module '@pulumi/random'", dir);
    expect(hint).to.contain("Run `pnpm install` in the program first");
    const unlisted = uninstalledPackageHint("Cannot find module 'mime'", dir);
    expect(unlisted).to.contain("add it (`pnpm add mime`)");
  });
});
