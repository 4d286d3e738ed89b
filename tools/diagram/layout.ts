// A hint for Mermaid's layout (dagre), computed from the graph alone: which top-level boxes to
// declare next to each other, so that linked boxes end up side by side and their edges short.
// It only reorders declarations; what is drawn does not change.

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * Top-level boxes in an order that keeps linked boxes next to each other (the layout stacks boxes
 * it cannot rank apart in the order they are declared): a line that starts with the most linked
 * box and grows, one box at a time, by the box with the most edges into the line, added at the
 * end it has more edges to; the end that receives more edges is declared first. Ties keep the
 * given order.
 */
export function neighbourlyOrder<B extends { id: string }>(
  boxes: readonly B[],
  topOf: ReadonlyMap<string, string>,
  edges: readonly LayoutEdge[],
): B[] {
  const links = new Map<string, number>(); // "a|b" → edges between two boxes
  const link = (a: string, b: string) => links.get(`${a}|${b}`) ?? 0;
  const flow = new Map<string, number>(); // box → edges in minus edges out
  for (const e of edges) {
    const [a, b] = [topOf.get(e.from), topOf.get(e.to)];
    if (!a || !b || a === b) continue;
    links.set(`${a}|${b}`, link(a, b) + 1);
    links.set(`${b}|${a}`, link(b, a) + 1);
    flow.set(a, (flow.get(a) ?? 0) - 1);
    flow.set(b, (flow.get(b) ?? 0) + 1);
  }
  const left = [...boxes];
  const line: B[] = [];
  while (left.length > 0) {
    const others = line.length === 0 ? left : line;
    const score = (b: B) => others.reduce((n, o) => n + link(b.id, o.id), 0);
    let best = 0;
    for (let i = 1; i < left.length; i++) if (score(left[i]) > score(left[best])) best = i;
    const [next] = left.splice(best, 1);
    if (line.length > 1 && link(next.id, line[0].id) > link(next.id, line[line.length - 1].id))
      line.unshift(next);
    else line.push(next);
  }
  // Declared downstream end first, the layout draws the line's edges without crossing the boxes.
  const linked = line.filter((b) => flow.has(b.id));
  const [head, tail] = [linked[0], linked[linked.length - 1]];
  if (head && (flow.get(tail.id) ?? 0) > (flow.get(head.id) ?? 0)) {
    linked.reverse();
    return [...linked, ...line.filter((b) => !flow.has(b.id))];
  }
  return line;
}
