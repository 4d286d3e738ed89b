// Runtime: the task definition and the image it runs (app/Dockerfile) agree. The container runs as
// the image's non-root user on a read-only root filesystem with no writable volume, so the app may
// write nowhere; its health check runs a file the image holds, with the binary the image has.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { containerDefinitions } from "../../components/runtime";
import { ROOT } from "../helpers";

const APP = path.join(ROOT, "app");
const dockerfile = fs.readFileSync(path.join(APP, "Dockerfile"), "utf8");
/** The instructions of the image's final stage (after its last FROM). */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

const [container] = JSON.parse(
  containerDefinitions({
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-staging-app:abc",
    logGroup: "/platform/staging/rt/app",
    region: "eu-west-1",
    containerPort: 8080,
    environment: [{ name: "PORT", value: "8080" }],
    secrets: [],
  }),
);

/** Every TypeScript file under `dir`, recursively. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("Runtime: the task definition and the app's image agree", () => {
  it("runs as the image's non-root user", () => {
    const user = /^USER\s+(\S+)\s*$/m.exec(runtimeStage);
    expect(user, "USER in the final stage of app/Dockerfile").to.not.equal(null);
    expect(container.user).to.equal(user![1]);
    expect(Number(container.user.split(":")[0])).to.be.greaterThan(0);
  });

  it("health-checks with the image's own node binary and a script the image holds, on the image's schedule", () => {
    // Exec form (no shell in a distroless image). GoogleContainerTools/distroless
    // nodejs/testdata/nodejs22.yaml: the image's node is /nodejs/bin/node.
    const m = /^HEALTHCHECK\s+((?:--\S+\s+)*)CMD\s+(\[.*\])\s*$/m.exec(
      runtimeStage.replace(/\\\n\s*/g, " "),
    );
    expect(m, "HEALTHCHECK … CMD [exec form] in app/Dockerfile").to.not.equal(null);
    const command = JSON.parse(m![2]) as string[];
    expect(container.healthCheck.command).to.deep.equal(["CMD", ...command]);
    expect(/^ARG RUNTIME_IMAGE=gcr\.io\/distroless\/nodejs\d+-/m.test(dockerfile)).to.equal(true);
    expect(command[0]).to.equal("/nodejs/bin/node");

    // /srv/app/dist/<name>.js is app/src/<name>.ts compiled (tsconfig.build.json: rootDir src,
    // outDir dist) and copied from the build stage.
    const script = command[1];
    expect(script).to.match(/^\/srv\/app\/dist\/[\w-]+\.js$/);
    expect(runtimeStage).to.match(/^COPY --from=build \/src\/app\/dist \/srv\/app\/dist$/m);
    const build = JSON.parse(fs.readFileSync(path.join(APP, "tsconfig.build.json"), "utf8"));
    expect(build.compilerOptions).to.include({ rootDir: "src", outDir: "dist" });
    const source = path.join(APP, "src", `${path.basename(script, ".js")}.ts`);
    expect(fs.existsSync(source), source).to.equal(true);

    // The same schedule ECS and Docker use (ECS ignores the image's HEALTHCHECK).
    const flags = Object.fromEntries(
      [...m![1].matchAll(/--([a-z-]+)=(\d+)s?/g)].map((f) => [f[1], Number(f[2])]),
    );
    expect(container.healthCheck).to.include({
      interval: flags.interval,
      timeout: flags.timeout,
      startPeriod: flags["start-period"],
      retries: flags.retries,
    });
  });

  it("needs no writable path: read-only root, no volume, and no app code that writes files", () => {
    expect(container.readonlyRootFilesystem).to.equal(true);
    expect(container.mountPoints ?? []).to.deep.equal([]);
    expect(container.volumesFrom ?? []).to.deep.equal([]);
    // With a read-only root even /tmp is read-only: a file the app writes needs an ECS volume
    // and a mount point first (ECS developer guide, "Amazon ECS task definition parameters",
    // readonlyRootFilesystem). Uploads stream to S3 without touching disk (app/src/upload.ts).
    const writes =
      /\b(writeFile|writeFileSync|appendFile|createWriteStream|mkdtemp|mkdir|mkdirSync|tmpdir|saveRequestFiles|copyFile|rename|symlink)\b/;
    const files = sources(path.join(APP, "src"));
    expect(files.length).to.be.greaterThan(5);
    for (const file of files) {
      const code = fs
        .readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      expect(writes.exec(code)?.[0], path.relative(ROOT, file)).to.equal(undefined);
    }
    // The image writes nothing at start either: its command runs the compiled server directly.
    expect(runtimeStage).to.match(/^CMD \[.*"\/srv\/app\/dist\/server\.js"\]$/m);
  });

  it("sends the container's output to its log group with a stream prefix, never blocking the app", () => {
    // mode spelled out: left out, ECS would take the account's defaultLogDriverMode, which an
    // administrator may set to blocking.
    expect(container.logConfiguration).to.deep.equal({
      logDriver: "awslogs",
      options: {
        "awslogs-group": "/platform/staging/rt/app",
        "awslogs-region": "eu-west-1",
        "awslogs-stream-prefix": "app",
        mode: "non-blocking",
        "max-buffer-size": "25m",
      },
    });
  });
});
