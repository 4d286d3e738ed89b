// The views of a recorded stack: each a Mermaid flowchart of one concern, with the table of what
// its nodes stand for and a legend of the symbols it uses. `network`: VPCs, tiers, workloads,
// endpoints and the flows between them with their ports; `delivery`: source → pipeline stages in
// order → image repository → ECS service; `data`: stores, their writers, their keys and their logs.
import { Recording } from "../lib/recorder";
import { Canvas, DetailRow, EdgeKind, Shape } from "./canvas";
import { dataView } from "./data";
import { deliveryView } from "./delivery";
import { StackFacts } from "./facts";
import { networkView } from "./network";

export const VIEW_NAMES = ["network", "delivery", "data"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

const BUILDERS: Record<ViewName, (f: StackFacts) => Canvas> = {
  network: networkView,
  delivery: deliveryView,
  data: dataView,
};

export const VIEW_TITLES: Record<ViewName, string> = {
  network: "Network",
  delivery: "Delivery",
  data: "Data",
};

export const VIEW_SUMMARIES: Record<ViewName, string> = {
  network:
    "Each VPC with its subnet tiers (titled with where their routes lead), the workloads placed " +
    "in them with the component that owns each, and who may connect to whom on which port " +
    "(listeners, target groups, security-group rules).",
  delivery:
    "Where the app's source comes from, the pipeline's stages in their order, the image " +
    "repository and the ECS service they deliver to, and the roles GitHub Actions assumes.",
  data:
    "Each component around its stores and keys: who writes each bucket and log group, what reads " +
    "them onward (Redshift COPY, CloudFront, backups), and what each KMS key encrypts.",
};

const EDGE_LEGEND: Record<EdgeKind, string> = {
  flow: "solid arrow: a request or data flow, labelled with its port or what moves",
  log: "dotted arrow: log delivery",
  encrypts: "dotted line ending in a dot: a KMS key and what it encrypts",
  order: "thick arrow: the next pipeline stage",
};

export interface View {
  readonly stack: string;
  readonly view: ViewName;
  readonly mermaid: string;
  /** What each node and box stands for (the table under the diagram). */
  readonly rows: DetailRow[];
  /** The symbols this view uses, explained. */
  readonly legend: string[];
  /** Every node with the box it is drawn in, and every edge (for tests). */
  readonly nodes: { id: string; shape: Shape; box?: string }[];
  readonly edges: { from: string; to: string; kind: EdgeKind; label: string }[];
  readonly boxes: Map<string, string>;
}

const SHAPE_LEGEND: Partial<Record<Shape, string>> = {
  store: "cylinder: where data is kept (bucket, image repository, database, backup vault)",
  log: "slanted box: a CloudWatch log group",
  key: "amber box: a KMS key",
  step: "green pill: a pipeline stage, numbered in order",
  round: "rounded box: someone or something outside the stack that acts on it",
};

function legendOf(c: Canvas): string[] {
  const kinds = new Set(c.edgeList().map((e) => e.kind));
  const shapes = new Set(c.nodeList().map((n) => n.shape));
  const styles = new Set([...c.boxLabels().keys()].map((b) => c.boxStyle(b)));
  return [
    ...(Object.keys(EDGE_LEGEND) as EdgeKind[])
      .filter((k) => kinds.has(k))
      .map((k) => EDGE_LEGEND[k]),
    ...(Object.keys(SHAPE_LEGEND) as Shape[])
      .filter((s) => shapes.has(s))
      .map((s) => SHAPE_LEGEND[s]!),
    ...(styles.has("vpc")
      ? ["blue box: a VPC; dashed box inside it: a subnet tier, titled with where its routes lead"]
      : []),
    ...(c.namesComponents() ? ["second line in italics: the component that created it"] : []),
    ...(styles.has("component")
      ? ["cream box: a component of the program, around the resources it creates"]
      : []),
    ...(styles.has("unlinked") ? ["grey dashed box: nodes with no link in this view"] : []),
  ];
}

/** Builds the views of one recorded stack (every view unless `names` says otherwise). */
export function buildViews(rec: Recording, names: readonly ViewName[] = VIEW_NAMES): View[] {
  const facts = new StackFacts(rec);
  return names.map((view) => {
    const c = BUILDERS[view](facts);
    const mermaid = c.render();
    return {
      stack: rec.stack,
      view,
      mermaid,
      rows: c.rows(),
      legend: legendOf(c),
      nodes: c.nodeList(),
      edges: c.edgeList(),
      boxes: c.boxLabels(),
    };
  });
}
