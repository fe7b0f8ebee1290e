import type { Runtime } from "../../../src/composition-root.js";
import { dumpTable } from "./table-store-builders.js";

/** Every table of a runtime dumped (a table not created yet reads as "absent"): equal snapshots, zero writes. */
export async function snapshotTables(rt: Runtime): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [area, name] of Object.entries(rt.config.store.tables)) {
    try {
      out[area] = await dumpTable(name);
    } catch (e: unknown) {
      if ((e as { statusCode?: number }).statusCode !== 404) throw e;
      out[area] = "absent";
    }
  }
  return out;
}
