// DynamoDB's attribute-value JSON, for v2's AWS.DynamoDB.Converter and a stub @aws-sdk/util-dynamodb
// (Lambda's runtime bundles it beside the v3 clients).
type AttributeValue = Record<string, unknown>;

function setOf(v: unknown): unknown[] | undefined {
  if (v instanceof Set) return [...v];
  const w = v as { wrapperName?: unknown; values?: unknown } | null;
  return w && w.wrapperName === 'Set' && Array.isArray(w.values) ? w.values : undefined;
}

export function toAttr(v: unknown, options: { removeUndefinedValues?: boolean } = {}): AttributeValue | undefined {
  if (v === undefined) return undefined;
  if (v === null) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number' || typeof v === 'bigint') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return { B: v };
  const set = setOf(v);
  if (set) {
    const first = set[0];
    if (typeof first === 'number' || typeof first === 'bigint') return { NS: set.map(String) };
    if (typeof first === 'string') return { SS: set };
    return { BS: set };
  }
  if (Array.isArray(v)) return { L: v.map((x) => toAttr(x, options) ?? { NULL: true }) };
  if (typeof v === 'object') return { M: marshall(v as Record<string, unknown>, options) };
  throw new Error(`Unsupported type passed: ${String(v)}`);
}

export function marshall(item: Record<string, unknown>, options: { removeUndefinedValues?: boolean } = {}) {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item ?? {})) {
    const a = toAttr(v, options);
    if (a !== undefined) out[k] = a;
  }
  return out;
}

export function fromAttr(a: AttributeValue): unknown {
  const [type, v] = Object.entries(a)[0] ?? [];
  switch (type) {
    case 'S':
    case 'B':
    case 'BOOL':
      return v;
    case 'N':
      return Number(v);
    case 'NULL':
      return null;
    case 'SS':
    case 'BS':
      return new Set(v as unknown[]);
    case 'NS':
      return new Set((v as string[]).map(Number));
    case 'L':
      return (v as AttributeValue[]).map(fromAttr);
    case 'M':
      return unmarshall(v as Record<string, AttributeValue>);
    default:
      throw new Error(`Unsupported attribute value: ${JSON.stringify(a)}`);
  }
}

export function unmarshall(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item ?? {}).map(([k, v]) => [k, fromAttr(v)]));
}
