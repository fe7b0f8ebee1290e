import type { TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { ArmClients, type ArmClientSettings } from "../../src/adapters/arm/arm-clients.js";
import { ArmProfileSource, type ArmProfileSourceOptions } from "../../src/adapters/arm/arm-profile-source.js";
import { ArmTrafficManagerWriter } from "../../src/adapters/arm/arm-traffic-manager-writer.js";
import { parseWatchEntries } from "../../src/core/watch-list.js";
import { startArmServer, type ArmServer } from "./arm-server.js";

export const SUB_A = "aaaaaaaa-0000-0000-0000-00000000000a";
export const SUB_B = "bbbbbbbb-0000-0000-0000-00000000000b";
export const SUB_C = "cccccccc-0000-0000-0000-00000000000c";
export const TOKEN = "static-test-token";

/** A fixed token (the managed-identity path is covered in arm-identity.test.ts and the e2e test). */
const credential: TokenCredential = {
  getToken: () => Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export interface ArmHarness {
  readonly arm: ArmServer;
  /** An ArmProfileSource on the local ARM for a TM_WATCH value; retries fast so tests stay quick. */
  source(watchText: string, overrides?: Partial<ArmProfileSourceOptions>): ArmProfileSource;
  /** Clients on the local ARM with the same fast retries, for a writer (or a source) to share. */
  clients(overrides?: Partial<ArmClientSettings>): ArmClients;
  /** An ArmTrafficManagerWriter on the local ARM (shares `clients` when given). */
  writer(clients?: ArmClients): ArmTrafficManagerWriter;
}

/** Starts one local ARM for the test file and resets its profiles, faults and log before each test. */
export function useArmHarness(): ArmHarness {
  let arm: ArmServer | undefined;
  beforeAll(async () => {
    arm = await startArmServer({ acceptsToken: (t) => t === TOKEN });
  });
  afterAll(() => arm?.close());
  beforeEach(() => {
    if (!arm) return;
    arm.profiles.clear();
    arm.requests.length = 0;
    arm.pageSize = undefined;
    for (const s of [SUB_A, SUB_B, SUB_C]) arm.inject(s, undefined);
  });
  const harness: ArmHarness = {
    get arm() {
      if (!arm) throw new Error("local ARM not started");
      return arm;
    },
    source(watchText, overrides = {}) {
      const parsed = parseWatchEntries(watchText);
      if (!parsed.ok) throw new Error(parsed.errors.join("; "));
      return new ArmProfileSource({
        credential,
        watch: parsed.value,
        endpoint: harness.arm.url,
        scope: "https://management.azure.com/.default",
        maxRetries: 2,
        timeoutMs: 5_000,
        clientOptions: {
          tlsOptions: { ca: harness.arm.ca },
          retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
        },
        ...overrides,
      });
    },
    clients(overrides = {}) {
      return new ArmClients(credential, {
        endpoint: harness.arm.url,
        scope: "https://management.azure.com/.default",
        maxRetries: 2,
        clientOptions: {
          tlsOptions: { ca: harness.arm.ca },
          retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
        },
        ...overrides,
      });
    },
    writer(clients) {
      return new ArmTrafficManagerWriter(clients ?? harness.clients(), { timeoutMs: 5_000, maxRetries: 2 });
    },
  };
  return harness;
}

export const profileNames = (snapshot: { profiles: { name: string }[] }): string[] =>
  snapshot.profiles.map((p) => p.name).sort();
