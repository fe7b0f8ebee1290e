/**
 * The one JSON-path formatter (400 responses, queue-message problems, file validation):
 * `$` followed by `.key` / `[index]` / `["odd key"]` segments, e.g. `$.endpoints[1].name`.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
