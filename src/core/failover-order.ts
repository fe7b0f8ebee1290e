import type { Endpoint } from "./profile.js";

/**
 * Endpoints in failover order: ascending priority, ties and missing priorities in array order
 * (ARM's default order when no endpoint has a priority). Does not mutate its input.
 */
export function orderEndpoints<T extends Pick<Endpoint, "priority">>(endpoints: readonly T[]): T[] {
  return endpoints
    .map((endpoint, index) => ({ endpoint, index }))
    .sort((a, b) => {
      const pa = a.endpoint.priority ?? Number.POSITIVE_INFINITY;
      const pb = b.endpoint.priority ?? Number.POSITIVE_INFINITY;
      return pa === pb ? a.index - b.index : pa - pb;
    })
    .map((x) => x.endpoint);
}

export interface OrderComparison {
  drift: boolean;
  /** Desired names that exist live, in desired order. */
  expected: string[];
  /** The same endpoints in live order (live spelling of the names). */
  actual: string[];
  /** Index of the first position where the two orders differ, when they do. */
  firstMismatch?: number;
}

/**
 * Compares the relative failover order only: priorities 1,2,3 equal 10,20,30. Endpoints present on
 * one side only are ignored here (they are ENDPOINT_MISSING / ENDPOINT_UNEXPECTED). Names match
 * case-insensitively, as ARM names do.
 */
export function compareFailoverOrder(
  desiredNames: readonly string[],
  live: readonly Pick<Endpoint, "name" | "priority">[],
): OrderComparison {
  const liveByName = new Map(live.map((e) => [e.name.toLowerCase(), e.name]));
  const desiredSet = new Set(desiredNames.map((n) => n.toLowerCase()));
  const expected = desiredNames.filter((n) => liveByName.has(n.toLowerCase()));
  const actual = orderEndpoints(live)
    .map((e) => e.name)
    .filter((n) => desiredSet.has(n.toLowerCase()));
  const firstMismatch = expected.findIndex((n, i) => n.toLowerCase() !== actual[i]?.toLowerCase());
  const result: OrderComparison = { drift: firstMismatch !== -1, expected, actual };
  if (firstMismatch !== -1) result.firstMismatch = firstMismatch;
  return result;
}
