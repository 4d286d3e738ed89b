// Protocol-buffer encoding of the analyzer's per-resource requests, written straight from the
// engine's JavaScript view of a resource (./marshal.ts), without building google-protobuf message
// objects first: for a stack of thousands of resources, those objects (one per property value)
// cost more than the pack's work. The bytes are the ones the generated classes would write for
// the same content (pulumi/analyzer.proto, google/protobuf/struct.proto; proto3 defaults left out,
// oneof members always written); test/tools/analyzer.spec.ts decodes them with the generated
// classes and compares. They are sent through the generated stubs (see `encoded`).
const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;

function varintSize(n: number): number {
  let size = 1;
  while (n > 127) {
    n >>>= 7;
    size++;
  }
  return size;
}

/** A growable buffer with protobuf primitives; nested messages are written in place. */
export class ProtoWriter {
  private buf = Buffer.allocUnsafe(4096);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private varint(n: number): void {
    this.ensure(5);
    while (n > 127) {
      this.buf[this.pos++] = (n & 127) | 128;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** A string field, left out when empty (proto3 default) unless `always` (a oneof member). */
  string(field: number, s: string, always = false): void {
    if (!s && !always) return;
    const len = Buffer.byteLength(s);
    this.tag(field, BYTES);
    this.varint(len);
    this.ensure(len);
    this.buf.write(s, this.pos, len, "utf8");
    this.pos += len;
  }

  bool(field: number, b: boolean, always = false): void {
    if (!b && !always) return;
    this.tag(field, VARINT);
    this.varint(b ? 1 : 0);
  }

  double(field: number, d: number, always = false): void {
    if (d === 0 && !always) return;
    this.tag(field, FIXED64);
    this.ensure(8);
    this.buf.writeDoubleLE(d, this.pos);
    this.pos += 8;
  }

  enumValue(field: number, v: number): void {
    this.tag(field, VARINT);
    this.varint(v);
  }

  /** Starts a nested message in field `field`; returns the mark `end` needs. */
  begin(field: number): number {
    this.tag(field, BYTES);
    this.ensure(1);
    return this.pos++; // one byte reserved for the length, widened in `end` if need be
  }

  end(mark: number): void {
    const len = this.pos - mark - 1;
    const size = varintSize(len);
    if (size > 1) {
      this.ensure(size - 1);
      this.buf.copyWithin(mark + size, mark + 1, this.pos);
      this.pos += size - 1;
    }
    let n = len;
    let at = mark;
    while (n > 127) {
      this.buf[at++] = (n & 127) | 128;
      n >>>= 7;
    }
    this.buf[at] = n;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

/** google.protobuf.Value (null 1, number 2, string 3, bool 4, struct 5, list 6). */
function value(w: ProtoWriter, field: number, v: unknown): void {
  const mark = w.begin(field);
  if (v === null || v === undefined) {
    w.enumValue(1, 0);
  } else if (typeof v === "number") {
    w.double(2, v, true);
  } else if (typeof v === "string") {
    w.string(3, v, true);
  } else if (typeof v === "boolean") {
    w.bool(4, v, true);
  } else if (Array.isArray(v)) {
    const list = w.begin(6);
    for (const e of v) value(w, 1, e);
    w.end(list);
  } else {
    const s = w.begin(5);
    structFields(w, v as Record<string, unknown>);
    w.end(s);
  }
  w.end(mark);
}

/** The `fields` map of a google.protobuf.Struct (entries: key 1, value 2). */
function structFields(w: ProtoWriter, o: Record<string, unknown>): void {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined) continue;
    const entry = w.begin(1);
    w.string(1, k, true);
    value(w, 2, v);
    w.end(entry);
  }
}

/** A google.protobuf.Struct message in field `field`. */
export function struct(w: ProtoWriter, field: number, o: Record<string, unknown>): void {
  const mark = w.begin(field);
  structFields(w, o);
  w.end(mark);
}

export interface OptionsView {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace?: boolean;
  readonly additionalSecretOutputs: readonly string[];
  readonly aliases: readonly string[];
  readonly customTimeouts: { create: number; update: number; delete: number };
  readonly parent: string;
}

/** AnalyzerResourceOptions (protect 1, ignoreChanges 2, dBR 3/4, aso 5, aliases 6, ct 7, parent 8). */
export function options(w: ProtoWriter, field: number, o: OptionsView): void {
  const mark = w.begin(field);
  w.bool(1, o.protect);
  for (const s of o.ignoreChanges) w.string(2, s, true);
  if (o.deleteBeforeReplace !== undefined) {
    w.bool(3, o.deleteBeforeReplace);
    w.bool(4, true);
  }
  for (const s of o.additionalSecretOutputs) w.string(5, s, true);
  for (const s of o.aliases) w.string(6, s, true);
  const ct = w.begin(7);
  w.double(1, o.customTimeouts.create);
  w.double(2, o.customTimeouts.update);
  w.double(3, o.customTimeouts.delete);
  w.end(ct);
  w.string(8, o.parent);
  w.end(mark);
}

export interface ProviderView {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Record<string, unknown>;
}

/** AnalyzerProviderResource (type 1, properties 2, urn 3, name 4). */
export function provider(w: ProtoWriter, field: number, p: ProviderView): void {
  const mark = w.begin(field);
  w.string(1, p.type);
  struct(w, 2, p.properties);
  w.string(3, p.urn);
  w.string(4, p.name);
  w.end(mark);
}

export interface ResourceView {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Record<string, unknown>;
  readonly options: OptionsView;
  readonly provider?: ProviderView;
}

/** The fields AnalyzeRequest and AnalyzerResource share (type 1 … provider 6). */
export function resourceFields(w: ProtoWriter, r: ResourceView): void {
  w.string(1, r.type);
  struct(w, 2, r.properties);
  w.string(3, r.urn);
  w.string(4, r.name);
  options(w, 5, r.options);
  if (r.provider) provider(w, 6, r.provider);
}

export interface StackResourceView extends ResourceView {
  readonly parent: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** One AnalyzerResource of AnalyzeStackRequest (… parent 7, dependencies 8, propertyDeps 9). */
export function stackResource(w: ProtoWriter, field: number, r: StackResourceView): void {
  const mark = w.begin(field);
  resourceFields(w, r);
  w.string(7, r.parent);
  for (const d of r.dependencies) w.string(8, d, true);
  for (const [k, urns] of Object.entries(r.propertyDependencies)) {
    const entry = w.begin(9);
    w.string(1, k, true);
    const deps = w.begin(2);
    for (const u of urns) w.string(1, u, true);
    w.end(deps);
    w.end(entry);
  }
  w.end(mark);
}

/**
 * A message of a generated class whose bytes are already encoded: the stubs check the class and
 * call `serializeBinary`, which returns these bytes.
 */
export function encoded<T extends { serializeBinary(): Uint8Array }>(
  cls: new () => T,
  bytes: Uint8Array,
): T {
  const msg = new cls();
  msg.serializeBinary = () => bytes;
  return msg;
}
