import type { DesiredEndpoint, DesiredState } from "../../../src/core/desired-state.js";

/** A valid desired document: two endpoints, primary first. */
export function buildDesiredState(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    routingMethod: "Priority",
    endpoints: [buildDesiredEndpoint({ name: "web-eastus" }), buildDesiredEndpoint({ name: "web-westus" })],
    ...overrides,
  };
}

export function buildDesiredEndpoint(overrides: Partial<DesiredEndpoint> = {}): DesiredEndpoint {
  return { name: "web-eastus", enabled: true, ...overrides };
}

/** A fixed clock for stores that stamp `updatedAt`. */
export function fixedClock(iso = "2026-01-02T03:04:05.000Z"): { now(): Date } {
  return { now: () => new Date(iso) };
}
