import type { TestProject } from "vitest/node";
// The same embedded Azurite that `tm-sentinel serve` runs, so tests exercise what users get.
import { startEmbeddedAzurite } from "../../src/serve/embedded-azurite.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Azurite connection string (Table + Queue), shared by all test files; use unique table names. */
    azuriteConnectionString: string;
  }
}

/** One Azurite for the whole run: tests isolate themselves by table/queue/partition name. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startEmbeddedAzurite();
  project.provide("azuriteConnectionString", azurite.connectionString);
  return () => azurite.stop();
}
