import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { METRICS, SPANS } from "../../src/app/telemetry/metric-catalog.js";

const doc = await readFile(new URL("../../docs/telemetry.md", import.meta.url), "utf8");

/** Rows of the markdown table whose first cell is a `tm_sentinel.` name in backticks. */
function tableRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of doc.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const name = /^`(tm_sentinel\.[a-z_.]+)`$/.exec(cells[1] ?? "")?.[1];
    if (name) rows.set(name, cells.slice(2, -1));
  }
  return rows;
}

describe("docs/telemetry.md", () => {
  const rows = tableRows();

  it("lists every metric with its instrument, unit and attributes exactly as the code records it", () => {
    for (const m of Object.values(METRICS)) {
      const row = rows.get(m.name);
      expect(row, `${m.name} is missing from docs/telemetry.md`).toBeDefined();
      const [instrument, unit, attributes] = row!;
      expect({ name: m.name, instrument, unit, attributes }).toEqual({
        name: m.name,
        instrument: m.instrument,
        unit: m.unit,
        attributes: m.attributes.join(", "),
      });
    }
  });

  it("lists no metric or span the code does not have", () => {
    const known = new Set<string>([...Object.values(METRICS).map((m) => m.name), ...Object.values(SPANS)]);
    expect([...rows.keys()].filter((name) => !known.has(name))).toEqual([]);
  });

  it("lists every span", () => {
    for (const span of Object.values(SPANS)) expect(doc).toContain(`\`${span}\``);
  });
});
