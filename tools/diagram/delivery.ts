// The delivery view: where the app's source comes from, the pipeline's stages in their order (as
// the pipeline declares them: tests, image build with its scan gate, a manual approval where there
// is one, deploy), the image repository the image stage pushes to and the ECS service the deploy
// stage updates and that pulls the image; and the roles GitHub Actions assumes through OIDC to
// preview and deploy the stack itself.
import { RecordedResource } from "../lib/recorder";
import { Canvas } from "./canvas";
import { componentBox, knownString, putResource, StackFacts } from "./facts";

const PIPELINE = "aws:codepipeline/pipeline:Pipeline";
const PROJECT = "aws:codebuild/project:Project";
const ECR = "aws:ecr/repository:Repository";
const SERVICE = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";
const SOURCES = [
  "aws:codecommit/repository:Repository",
  "aws:codeconnections/connection:Connection",
  "aws:codestarconnections/connection:Connection",
];

interface Action {
  readonly category?: string;
  readonly provider?: string;
  readonly name?: string;
  readonly configuration?: Record<string, unknown>;
}

interface Stage {
  readonly name?: string;
  readonly actions?: Action[];
}

/** The ECS services a CodeBuild project or a deploy action works on. */
function servicesOf(f: StackFacts, r: RecordedResource): RecordedResource[] {
  return f
    .referenced(r)
    .flatMap((x) =>
      x.type === SERVICE ? [x] : x.type === CLUSTER ? f.referrers(x, "cluster", SERVICE) : [],
    );
}

/** What a CodeBuild project's buildspec does, in a few words. */
function buildSummary(project: RecordedResource): string {
  const spec = knownString(project.inputs.source?.buildspec) ?? "";
  const steps = [
    /\bnpm (run )?test\b|\bnpm run test\b/.test(spec) ? "tests" : "",
    /docker (build|push)/.test(spec) ? "build · push" : "",
    /image-scan/.test(spec) ? "scan gate" : "",
    /aws ecs update-service/.test(spec) ? "update ECS service" : "",
  ].filter(Boolean);
  return steps.join(" · ");
}

/** The GitHub repository a role trusts through the Actions OIDC provider, if any. */
function githubSubject(role: RecordedResource): string | undefined {
  const text = knownString(role.inputs.assumeRolePolicy);
  const m = text && /"repo:([\w.-]+\/[\w.-]+):/.exec(text);
  return m ? m[1] : undefined;
}

function sourceLabel(f: StackFacts, r: RecordedResource, action: Action): string {
  if (r.type === "aws:codecommit/repository:Repository") return `CodeCommit<br/>${f.short(r)}`;
  const repo = knownString(action.configuration?.FullRepositoryId);
  return `GitHub connection${repo ? `<br/>${repo}` : ""}`;
}

export function deliveryView(f: StackFacts): Canvas {
  const c = new Canvas("TB");
  for (const p of f.ofType(PIPELINE)) {
    const box = componentBox(c, f, p);
    const stages: Stage[] = Array.isArray(p.inputs.stages) ? p.inputs.stages : [];
    const projects = f.referenced(p, "stages", PROJECT);
    const sources = f.ofType(...SOURCES).filter((s) => f.owner(s)?.urn === f.owner(p)?.urn);
    let previous: string | undefined;
    const projectOf = (a: Action) => {
      const name = knownString(a.configuration?.ProjectName);
      return projects.find((x) => name !== undefined && knownString(x.inputs.name) === name);
    };
    stages.forEach((stage, i) => {
      const actions = Array.isArray(stage.actions) ? stage.actions : [];
      const what = actions.map((a) => {
        if (a.category === "Approval") return "manual approval";
        if (a.category === "Source") {
          const branch = knownString(a.configuration?.BranchName);
          return branch ? `on push to ${branch}` : "on push";
        }
        const project = projectOf(a);
        const summary = project ? buildSummary(project) : "";
        const redundant = summary.startsWith((stage.name ?? "").toLowerCase());
        return (!redundant && summary) || `${a.provider ?? "?"}`;
      });
      const id = c.node({
        key: `${p.urn}#${i}`,
        name: `${p.name}_${stage.name ?? i}`,
        label: `${i + 1}. ${stage.name ?? "stage"}<br/>${what.join(", ")}`,
        shape: "step",
        box,
        detail: {
          component: f.chain(p),
          resources: [p.name, ...actions.flatMap((a) => projectOf(a)?.name ?? [])].join(", "),
          details: actions.map((a) => `action ${a.name ?? "?"} (${a.provider ?? "?"})`).join(", "),
        },
      });
      c.edge(previous, id, "order");
      previous = id;
      for (const action of actions) {
        if (action.category === "Source") {
          for (const s of sources) {
            const shape = s.type === SOURCES[0] ? "store" : "round";
            c.edge(putResource(c, f, s, sourceLabel(f, s, action), shape, box), id, "flow");
          }
        }
        const project = projectOf(action);
        if (project) drawProject(c, f, project, id);
        if (action.provider === "ECS")
          for (const svc of servicesOf(f, p)) c.edge(id, serviceNode(c, f, svc), "flow", "deploy");
      }
    });
  }

  // GitHub Actions assumes roles through the OIDC provider to preview and deploy this stack.
  for (const provider of f.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider")) {
    const box = componentBox(c, f, provider);
    const roles = f
      .ofType("aws:iam/role:Role")
      .filter((r) => f.owner(r)?.urn === f.owner(provider)?.urn && githubSubject(r));
    for (const role of roles) {
      const repo = githubSubject(role)!;
      const from = c.node({
        key: `github:${repo}`,
        name: `github_${repo}`,
        label: `GitHub Actions<br/>${repo}`,
        shape: "round",
      });
      const description = knownString(role.inputs.description) ?? "";
      const label = `${f.short(role).replace(/-role$/, "")} role`;
      const id = putResource(c, f, role, label, "box", box, description);
      c.edge(from, id, "flow", "OIDC");
    }
  }
  return c;
}

/** The ECS service node, in its component's box. */
function serviceNode(c: Canvas, f: StackFacts, svc: RecordedResource): string {
  const label = `ECS service<br/>${svc.inputs.desiredCount ?? "?"} tasks`;
  const details = `Fargate, ${svc.inputs.desiredCount ?? "?"} tasks`;
  return putResource(c, f, svc, label, "box", componentBox(c, f, svc), details);
}

/** A CodeBuild stage: what it pushes to, what it deploys. */
function drawProject(c: Canvas, f: StackFacts, project: RecordedResource, stage: string): void {
  const summary = buildSummary(project);
  const services = servicesOf(f, project);
  for (const repo of f.referenced(project, "environment", ECR)) {
    const repoBox = componentBox(c, f, repo);
    const scan = repo.inputs.imageScanningConfiguration?.scanOnPush === true;
    const id = putResource(
      c,
      f,
      repo,
      "ECR repository",
      "store",
      repoBox,
      scan ? "scan on push" : "",
    );
    c.edge(stage, id, "flow", summary.includes("scan gate") ? "push, then scan" : "push");
    for (const td of f.referrers(
      repo,
      "containerDefinitions",
      "aws:ecs/taskDefinition:TaskDefinition",
    ))
      for (const svc of f.referrers(td, "taskDefinition", SERVICE))
        c.edge(id, serviceNode(c, f, svc), "flow", "pull");
  }
  for (const svc of services) c.edge(stage, serviceNode(c, f, svc), "flow", "deploy");
}
