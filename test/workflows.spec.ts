// An actionlint-style check of .github/workflows: the structure GitHub requires, minimal
// permissions, pinned actions, OIDC instead of keys, no secret or event text in shell scripts,
// and the delivery flow the docs promise (tests + offline check + preview per stack on pull
// requests; staging, then prod behind an environment, on main), matched against the OIDC roles.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { listStacks, loadProject } from "../tools/check/project";
import { ROOT } from "./helpers";

const DIR = path.join(ROOT, ".github", "workflows");
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)) : [];
const raw = (f: string) => fs.readFileSync(path.join(DIR, f), "utf8");
const load = (f: string) => yaml.load(raw(f)) as any;

const TRIGGERS = new Set([
  "push",
  "pull_request",
  "workflow_dispatch",
  "schedule",
  "workflow_call",
  "release",
  "merge_group",
]);
const PERMISSION_SCOPES = new Set([
  "actions",
  "attestations",
  "checks",
  "contents",
  "deployments",
  "discussions",
  "id-token",
  "issues",
  "packages",
  "pages",
  "pull-requests",
  "repository-projects",
  "security-events",
  "statuses",
]);
const JOB_KEYS = new Set([
  "name",
  "needs",
  "runs-on",
  "permissions",
  "environment",
  "concurrency",
  "outputs",
  "env",
  "defaults",
  "if",
  "steps",
  "timeout-minutes",
  "strategy",
  "continue-on-error",
  "container",
  "services",
  "uses",
  "with",
  "secrets",
]);
const STEP_KEYS = new Set([
  "id",
  "if",
  "name",
  "uses",
  "run",
  "with",
  "env",
  "continue-on-error",
  "timeout-minutes",
  "working-directory",
  "shell",
]);
const AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";

interface Job {
  id: string;
  file: string;
  job: any;
}
const jobs = (f: string): Job[] =>
  Object.entries(load(f).jobs ?? {}).map(([id, job]) => ({ id, file: f, job }));
const allJobs = () => files.flatMap(jobs);
const usesAws = (j: Job) =>
  (j.job.steps ?? []).some((s: any) => String(s.uses ?? "").startsWith(`${AWS_CREDENTIALS}@`));
const runs = (j: Job): string[] =>
  (j.job.steps ?? [])
    .map((s: any) => s.run)
    .filter((r: unknown): r is string => typeof r === "string");

describe("GitHub workflows", () => {
  it("exist", () => {
    expect(files.sort()).to.deep.equal(["infrastructure-deploy.yml", "infrastructure-pr.yml"]);
  });

  for (const f of files) {
    describe(f, () => {
      it("has the structure GitHub requires (name, on, jobs with runs-on and steps)", () => {
        const w = load(f);
        expect(w.name).to.be.a("string");
        expect(w.on, "on").to.be.an("object");
        for (const t of Object.keys(w.on)) expect(TRIGGERS.has(t), `trigger ${t}`).to.equal(true);
        expect(Object.keys(w.on)).to.not.include("pull_request_target"); // runs fork code with secrets
        expect(Object.keys(w.jobs)).to.have.length.greaterThan(0);
        const ids = Object.keys(w.jobs);
        for (const { id, job } of jobs(f)) {
          expect(id).to.match(/^[A-Za-z_][A-Za-z0-9_-]*$/);
          for (const k of Object.keys(job)) expect(JOB_KEYS.has(k), `${id}.${k}`).to.equal(true);
          expect(job["runs-on"], `${id} runs-on`).to.be.a("string");
          expect(job["timeout-minutes"], `${id} timeout-minutes`).to.be.a("number").within(1, 120);
          for (const n of [job.needs ?? []].flat()) expect(ids, `${id} needs ${n}`).to.include(n);
          expect(job.steps, `${id} steps`).to.be.an("array").with.length.greaterThan(0);
          for (const s of job.steps) {
            for (const k of Object.keys(s))
              expect(STEP_KEYS.has(k), `${id} step key ${k}`).to.equal(true);
            expect(
              "uses" in s !== "run" in s,
              `${id}: a step has exactly one of uses/run`,
            ).to.equal(true);
          }
        }
      });

      it("grants read-only contents by default and widens permissions per job only as needed", () => {
        const w = load(f);
        expect(w.permissions).to.deep.equal({ contents: "read" });
        for (const j of jobs(f)) {
          const p = j.job.permissions;
          expect(p, `${j.id} declares its permissions`).to.be.an("object");
          for (const [scope, level] of Object.entries(p)) {
            expect(PERMISSION_SCOPES.has(scope), `${j.id} ${scope}`).to.equal(true);
            expect(["read", "write", "none"], `${j.id} ${scope}`).to.include(level);
          }
          // id-token: write exactly where AWS credentials are requested.
          expect(p["id-token"] === "write", `${j.id} id-token`).to.equal(usesAws(j));
          const writes = Object.entries(p)
            .filter(([, l]) => l === "write")
            .map(([s]) => s)
            .sort();
          const allowed = [
            ...(usesAws(j) ? ["id-token"] : []),
            ...(runs(j).some((r) => /--format sarif/.test(r)) ? ["security-events"] : []),
          ].sort();
          expect(writes, `${j.id} write scopes`).to.deep.equal(allowed);
        }
      });

      it("pins every action by full commit SHA with the version in a comment", () => {
        const lines = raw(f)
          .split("\n")
          .filter((l) => /^\s*(-\s+)?uses:/.test(l));
        expect(lines).to.have.length.greaterThan(0);
        for (const line of lines) {
          expect(line, line).to.match(/uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+(\.\d+)*/);
        }
      });

      it("assumes AWS roles through OIDC, never with stored keys", () => {
        const text = raw(f);
        expect(text).to.not.match(
          /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/,
        );
        for (const j of allJobs().filter((x) => x.file === f && usesAws(x))) {
          const step = j.job.steps.find((s: any) => String(s.uses).startsWith(AWS_CREDENTIALS));
          expect(step.with["role-to-assume"], j.id).to.match(/^\$\{\{ vars[.[]/);
          expect(step.with["aws-region"], j.id).to.be.a("string");
        }
      });

      it("keeps secrets and event text out of shell scripts (no echo, no script injection)", () => {
        for (const j of jobs(f)) {
          for (const r of runs(j)) {
            expect(r, `${j.id}: ${r}`).to.not.match(
              /\$\{\{\s*(secrets|github\.event|github\.head_ref|inputs)\b/,
            );
            expect(r, `${j.id}: ${r}`).to.not.match(/\becho\b.*(TOKEN|SECRET|PASSWORD)/i);
            expect(r, `${j.id}: ${r}`).to.not.match(/set -x|--debug/);
          }
          // Secrets reach steps only through env, by name.
          for (const [k, v] of Object.entries(j.job.env ?? {})) {
            if (/secrets\./.test(String(v))) expect(String(v), k).to.equal(`\${{ secrets.${k} }}`);
          }
          for (const s of j.job.steps) {
            if (s.uses?.startsWith("actions/checkout@"))
              expect(s.with?.["persist-credentials"], `${j.id} checkout`).to.equal(false);
          }
        }
      });
    });
  }

  describe("the delivery flow", () => {
    const stacks = listStacks(loadProject(ROOT)).sort();

    it("pull requests: npm ci, npm test, the offline check as SARIF to code scanning, and a preview of every stack with the pack", () => {
      const w = load("infrastructure-pr.yml");
      expect(Object.keys(w.on)).to.deep.equal(["pull_request"]);
      const test = w.jobs.test;
      const commands = runs({ id: "test", file: "", job: test });
      expect(commands).to.include.members([
        "npm ci --no-audit --no-fund",
        "npm test",
        "npm run check -- --format sarif --sarif-omit-suppressed --output results.sarif",
      ]);
      const upload = test.steps.find((s: any) =>
        String(s.uses).startsWith("github/codeql-action/upload-sarif@"),
      );
      expect(upload.with.sarif_file).to.equal("results.sarif");
      expect(upload.if).to.match(/always\(\)/);

      const preview = w.jobs.preview;
      expect(preview.strategy.matrix.include.map((m: any) => m.stack).sort()).to.deep.equal(stacks);
      expect(preview.if).to.match(/head\.repo\.full_name == github\.repository/);
      expect(
        preview.environment,
        "no environment: the subject stays repo:<repo>:pull_request",
      ).to.equal(undefined);
      expect(runs({ id: "preview", file: "", job: preview })).to.deep.equal([
        "npm ci --no-audit --no-fund",
        'pulumi preview --stack "$STACK" --policy-pack policy-pack --diff --non-interactive',
      ]);
      expect(preview.steps.some((s: any) => String(s.uses).startsWith("pulumi/actions@"))).to.equal(
        true,
      );
    });

    it("main: verify, then pulumi up staging, then prod behind its environment", () => {
      const w = load("infrastructure-deploy.yml");
      expect(w.on.push.branches).to.deep.equal(["main"]);
      expect(w.concurrency["cancel-in-progress"]).to.equal(false);
      expect(runs({ id: "verify", file: "", job: w.jobs.verify })).to.include.members([
        "npm test",
        "npm run check",
      ]);
      expect(w.jobs.staging.needs).to.equal("verify");
      expect(w.jobs.prod.needs).to.equal("staging");
      for (const stack of stacks) {
        const job = w.jobs[stack];
        expect(job, stack).to.be.an("object");
        // The environment names the OIDC subject the stack's deploy role trusts.
        expect(job.environment).to.equal(stack);
        expect(job.env.STACK).to.equal(stack);
        expect(runs({ id: stack, file: "", job })).to.include(
          'pulumi up --stack "$STACK" --policy-pack policy-pack --yes --non-interactive',
        );
      }
    });
  });
});
