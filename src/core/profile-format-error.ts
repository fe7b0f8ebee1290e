/**
 * Raised when a document is not a Traffic Manager profile we can read. Carries the JSON path of
 * the offending value and what was expected there, so a user can fix their export.
 */
export class ProfileFormatError extends Error {
  override readonly name = "ProfileFormatError";
  constructor(
    readonly path: string,
    readonly expected: string,
    actual: unknown,
  ) {
    super(`${path}: expected ${expected}, got ${describeValue(actual)}`);
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    return value.length > 40 ? `a string "${value.slice(0, 40)}…"` : `"${value}"`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value === "object" ? "an object" : typeof value;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Appends a key to a JSON path: `.name` for identifiers, `["My key"]` otherwise. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Path-aware field readers. ARM sometimes sends `null` for unset fields, so null reads as absent;
 * a value of the wrong type is an error (it means the file is not what we think it is).
 */
export class FieldReader {
  constructor(
    readonly value: JsonObject,
    readonly path: string,
  ) {}

  raw(key: string): unknown {
    const v = this.value[key];
    return v === null ? undefined : v;
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined || typeof v === "string") return v;
    throw new ProfileFormatError(childPath(this.path, key), "a string", v);
  }

  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    throw new ProfileFormatError(childPath(this.path, key), "a number", v);
  }

  object(key: string): FieldReader | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (isObject(v)) return new FieldReader(v, childPath(this.path, key));
    throw new ProfileFormatError(childPath(this.path, key), "an object", v);
  }

  array(key: string): { items: unknown[]; path: string } | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return { items: v, path: childPath(this.path, key) };
    throw new ProfileFormatError(childPath(this.path, key), "an array", v);
  }

  /** Each element of an array of objects, as readers. */
  objects(key: string): FieldReader[] {
    const list = this.array(key);
    if (!list) return [];
    return list.items.map((item, i) => {
      const p = childPath(list.path, i);
      if (!isObject(item)) throw new ProfileFormatError(p, "an object", item);
      return new FieldReader(item, p);
    });
  }
}

/** `{name, value}` pairs as ARM sends custom headers. */
export function readHeaders(reader: FieldReader, key: string): { name: string; value: string }[] {
  return reader.objects(key).map((h) => {
    const name = h.string("name");
    if (name === undefined)
      throw new ProfileFormatError(childPath(h.path, "name"), "a header name", undefined);
    return { name, value: h.string("value") ?? "" };
  });
}
