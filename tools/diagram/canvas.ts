// The drawing surface every view writes to: nodes with short labels, nested boxes (subgraphs),
// typed edges and a details table, rendered as one Mermaid flowchart. Node and box ids are
// derived from names and kept unique; edges between the same two nodes of the same kind merge
// into one (their labels joined); a node left without any edge is moved into a "not linked" box,
// so nothing floats unexplained. Rendering keeps insertion order, so a view that adds in
// recording order gets the same text on every run.

import { neighbourlyOrder } from "./layout";

export type Shape = "box" | "round" | "store" | "log" | "key" | "hex" | "circle" | "step";

/**
 * flow: a request or data flow (labelled with ports or what moves); log: log delivery; encrypts:
 * a KMS key to what it encrypts; order: the next pipeline stage.
 */
export type EdgeKind = "flow" | "log" | "encrypts" | "order";

export type BoxStyle = "vpc" | "tier" | "component" | "outside" | "unlinked";

/** One row of the table printed under a view: what a node or a box stands for. */
export interface DetailRow {
  /** The node's label on one line, without the component line. */
  readonly node: string;
  /** The boxes around it, outermost first ("VPC 10.30.0.0/16 › compute tier …"). */
  readonly where: string;
  /** The component chain that created it ("Runtime › PublicLoadBalancer"). */
  readonly component: string;
  /** The resources it stands for (their Pulumi names). */
  readonly resources: string;
  readonly details: string;
}

interface Node {
  readonly id: string;
  readonly label: string;
  readonly shape: Shape;
  box?: string;
  readonly detail?: Detail;
}

interface Box {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
  readonly style: BoxStyle;
  readonly detail?: Detail;
}

/** What the table says about a node or a box. */
export interface Detail {
  readonly component: string;
  readonly resources: string;
  readonly details: string;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly labels: string[];
}

const UNLINKED = "unlinked";

/** Tighter spacing than Mermaid's default, so a view fits a page at a readable size. */
const LAYOUT = [
  "---",
  "config:",
  "  flowchart:",
  "    nodeSpacing: 30",
  "    rankSpacing: 40",
  "---",
];

const EDGE_STYLE: Record<EdgeKind, { arrow: string; css?: string }> = {
  flow: { arrow: "-->" },
  log: { arrow: "-.->", css: "stroke:#7a7a7a" },
  encrypts: { arrow: "-.-o", css: "stroke:#b7791f" },
  order: { arrow: "==>", css: "stroke:#2f6f3e" },
};

const BOX_CSS: Record<BoxStyle, string> = {
  vpc: "fill:#f3f8ff,stroke:#4a78b5",
  tier: "fill:#ffffff,stroke:#8fb1dd,stroke-dasharray:4 3",
  component: "fill:#fbfbf4,stroke:#9c9c70",
  outside: "fill:#ffffff,stroke:#bbbbbb",
  unlinked: "fill:#ffffff,stroke:#bbbbbb,stroke-dasharray:2 2",
};

const NODE_CSS: Partial<Record<Shape, string>> = {
  key: "fill:#fff4d6,stroke:#b7791f",
  log: "fill:#f1f1f1,stroke:#7a7a7a",
  store: "fill:#e9f3ff,stroke:#4a78b5",
  step: "fill:#eef8ef,stroke:#2f6f3e",
  circle: "fill:#ffffff,stroke:#555555",
};

function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "x";
}

function quote(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function shaped(id: string, label: string, shape: Shape): string {
  const q = quote(label);
  switch (shape) {
    case "store":
      return `${id}[(${q})]`;
    case "log":
      return `${id}[/${q}/]`;
    case "key":
    case "round":
      return `${id}(${q})`;
    case "hex":
      return `${id}{{${q}}}`;
    case "circle":
      return `${id}((${q}))`;
    case "step":
      return `${id}([${q}])`;
    default:
      return `${id}[${q}]`;
  }
}

export class Canvas {
  private readonly nodes = new Map<string, Node>();
  private readonly boxes = new Map<string, Box>();
  private readonly edges = new Map<string, Edge>();
  private readonly ids = new Map<string, string>(); // key → id
  private readonly taken = new Set<string>();

  constructor(readonly direction: "LR" | "TB") {}

  /** A unique Mermaid id for `key`, made from `name` (the same key always gets the same id). */
  private idFor(prefix: string, key: string, name: string): string {
    const known = this.ids.get(`${prefix}:${key}`);
    if (known) return known;
    const base = `${prefix}_${idPart(name)}`;
    let id = base;
    for (let i = 2; this.taken.has(id); i++) id = `${base}_${i}`;
    this.taken.add(id);
    this.ids.set(`${prefix}:${key}`, id);
    return id;
  }

  /** A box (subgraph) for `key`, created on first use; returns its id. */
  box(b: {
    key: string;
    name: string;
    label: string;
    style: BoxStyle;
    parent?: string;
    detail?: Detail;
  }): string {
    const id = this.idFor("b", b.key, b.name);
    if (!this.boxes.has(id))
      this.boxes.set(id, {
        id,
        label: b.label,
        parent: b.parent,
        style: b.style,
        detail: b.detail,
      });
    return id;
  }

  /**
   * A node for `key` (usually a resource URN; `name` makes its id), created on first use; returns
   * its id. `detail` becomes the node's row in the table under the diagram.
   */
  node(n: {
    key: string;
    name: string;
    label: string;
    shape: Shape;
    box?: string;
    detail?: Detail;
  }): string {
    const id = this.idFor("n", n.key, n.name);
    if (!this.nodes.has(id))
      this.nodes.set(id, { id, label: n.label, shape: n.shape, box: n.box, detail: n.detail });
    return id;
  }

  /** The id of the node drawn for `key`, if any. */
  nodeId(key: string): string | undefined {
    return this.ids.get(`n:${key}`);
  }

  edge(from: string | undefined, to: string | undefined, kind: EdgeKind, label?: string): void {
    if (!from || !to || from === to) return;
    const key = `${from}>${to}>${kind}`;
    const e = this.edges.get(key) ?? { from, to, kind, labels: [] };
    if (label && !e.labels.includes(label)) e.labels.push(label);
    this.edges.set(key, e);
  }

  /** Nodes in drawing order, each with its shape and the id of its box (undefined: top level). */
  nodeList(): { id: string; shape: Shape; box?: string }[] {
    return [...this.nodes.values()].map((n) => ({ id: n.id, shape: n.shape, box: n.box }));
  }

  edgeList(): { from: string; to: string; kind: EdgeKind; label: string }[] {
    return [...this.edges.values()].map((e) => ({ ...e, label: e.labels.join(" · ") }));
  }

  /** How a box is drawn. */
  boxStyle(id: string): BoxStyle | undefined {
    return this.boxes.get(id)?.style;
  }

  /** True when some node label has a component line (in italics). */
  namesComponents(): boolean {
    return [...this.nodes.values()].some((n) => n.label.includes("<i>"));
  }

  /** The label of every box, by id. */
  boxLabels(): Map<string, string> {
    return new Map([...this.boxes.values()].map((b) => [b.id, b.label]));
  }

  /** The boxes from the outermost down to `id`, their labels joined by " › ". */
  private boxPath(id: string | undefined): string {
    const labels: string[] = [];
    for (
      let b = id ? this.boxes.get(id) : undefined;
      b;
      b = b.parent ? this.boxes.get(b.parent) : undefined
    )
      if (b.style !== "unlinked") labels.unshift(b.label);
    return labels.join(" › ");
  }

  /** Moves every node without an edge into the "not linked" box. */
  private collectUnlinked(): void {
    const linked = new Set([...this.edges.values()].flatMap((e) => [e.from, e.to]));
    for (const n of this.nodes.values()) {
      if (linked.has(n.id)) continue;
      n.box = this.box({
        key: UNLINKED,
        name: UNLINKED,
        label: "not linked to anything in this view",
        style: "unlinked",
      });
    }
  }

  /** Node id → the id of its outermost box. */
  private topBoxes(): Map<string, string> {
    const top = (id: string | undefined): string | undefined => {
      const b = id ? this.boxes.get(id) : undefined;
      return b?.parent ? top(b.parent) : b?.id;
    };
    const out = new Map<string, string>();
    for (const n of this.nodes.values()) {
      const t = top(n.box);
      if (t) out.set(n.id, t);
    }
    return out;
  }

  /** Boxes and nodes in drawing order (a box, then what it holds), skipping empty boxes. */
  private walk(): { box?: Box; node?: Node; depth: number; end?: boolean }[] {
    const children = new Map<string | undefined, Box[]>();
    for (const b of this.boxes.values())
      children.set(b.parent, [...(children.get(b.parent) ?? []), b]);
    const nodesIn = new Map<string | undefined, Node[]>();
    for (const n of this.nodes.values()) nodesIn.set(n.box, [...(nodesIn.get(n.box) ?? []), n]);
    const used = (b: Box): boolean =>
      (nodesIn.get(b.id) ?? []).length > 0 || (children.get(b.id) ?? []).some(used);
    const out: { box?: Box; node?: Node; depth: number; end?: boolean }[] = [];
    const visit = (parent: string | undefined, depth: number) => {
      for (const node of nodesIn.get(parent) ?? []) out.push({ node, depth });
      const boxes = children.get(parent) ?? [];
      const ordered =
        depth === 0 ? neighbourlyOrder(boxes, this.topBoxes(), [...this.edges.values()]) : boxes;
      for (const box of ordered) {
        if (!used(box)) continue;
        out.push({ box, depth });
        visit(box.id, depth + 1);
        out.push({ box, depth, end: true });
      }
    };
    visit(undefined, 0);
    return out;
  }

  /** The table under the diagram: boxes and nodes that carry details, in drawing order. */
  rows(): DetailRow[] {
    this.collectUnlinked();
    return this.walk().flatMap(({ box, node, end }) => {
      const item = node ?? box!;
      if (end || !item.detail) return [];
      return [
        {
          node: item.label.replace(/<br\/><i>.*<\/i>$/, "").replace(/<br\/>/g, " "),
          where: this.boxPath(node ? node.box : box!.parent),
          ...item.detail,
        },
      ];
    });
  }

  render(): string {
    this.collectUnlinked();
    const out = [...LAYOUT, `flowchart ${this.direction}`];
    const drawn: Box[] = [];
    for (const { box, node, depth, end } of this.walk()) {
      const indent = "  ".repeat(depth + 1);
      if (node) out.push(indent + shaped(node.id, node.label, node.shape));
      else if (end) out.push(`${indent}end`);
      else {
        out.push(`${indent}subgraph ${box!.id}[${quote(box!.label)}]`);
        drawn.push(box!);
      }
    }
    const edges = [...this.edges.values()];
    for (const e of edges) {
      const label = e.labels.length ? `|${quote(e.labels.join(" · "))}|` : "";
      out.push(`  ${e.from} ${EDGE_STYLE[e.kind].arrow}${label} ${e.to}`);
    }
    for (const [shape, css] of Object.entries(NODE_CSS)) {
      const ids = [...this.nodes.values()].filter((n) => n.shape === shape).map((n) => n.id);
      if (ids.length === 0) continue;
      out.push(`  classDef ${shape}Node ${css}`, `  class ${ids.join(",")} ${shape}Node`);
    }
    for (const b of drawn) out.push(`  style ${b.id} ${BOX_CSS[b.style]}`);
    for (const [kind, s] of Object.entries(EDGE_STYLE)) {
      const at = edges.flatMap((e, i) => (e.kind === kind ? [i] : []));
      if (s.css && at.length > 0) out.push(`  linkStyle ${at.join(",")} ${s.css}`);
    }
    return out.join("\n");
  }
}
