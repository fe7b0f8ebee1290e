/** Traffic Manager's priority range. */
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 1000;

export interface PrioritySlot {
  name: string;
  /** Undefined when ARM reported none (then it must be given one). */
  priority: number | undefined;
}

export interface PriorityMove {
  name: string;
  from: number | undefined;
  to: number;
  /** A stop on a free value, to break a cycle of endpoints that want each other's priorities. */
  temporary: boolean;
}

const valid = (p: number | undefined): p is number =>
  p !== undefined && Number.isInteger(p) && p >= MIN_PRIORITY && p <= MAX_PRIORITY;

/**
 * The new priorities that put `ordered` (desired endpoints, desired order) in strictly ascending
 * priority while changing as few endpoints as possible. Endpoints outside the desired state
 * (`fixed`) keep theirs, so their values are never handed out. Keeps the longest chain of
 * endpoints whose live priorities already ascend and leave room (free values) for the endpoints
 * between them; the others get the smallest free values in their gap, preferring values nobody
 * holds now so the moves need no detours. Returns only the endpoints that change.
 */
export function targetPriorities(
  ordered: readonly PrioritySlot[],
  fixed: readonly number[],
): Map<string, number> {
  const taken = new Set(fixed);
  const n = ordered.length;
  const value = (i: number): number =>
    i === 0 ? MIN_PRIORITY - 1 : i === n + 1 ? MAX_PRIORITY + 1 : ordered[i - 1]!.priority!;
  const keepable = (i: number): boolean =>
    i === 0 || i === n + 1 || (valid(ordered[i - 1]!.priority) && !taken.has(value(i)));
  // takenUpTo[v]: fixed values ≤ v, so the free values in a gap cost O(1).
  const takenUpTo = new Array<number>(MAX_PRIORITY + 2).fill(0);
  for (let v = 1; v <= MAX_PRIORITY + 1; v++) takenUpTo[v] = takenUpTo[v - 1]! + (taken.has(v) ? 1 : 0);
  const freeBetween = (a: number, b: number): number => b - a - 1 - (takenUpTo[b - 1]! - takenUpTo[a]!);
  // best[i]: most endpoints kept in a feasible chain from the start ending by keeping node i.
  const best: number[] = new Array<number>(n + 2).fill(-1);
  const previous: number[] = new Array<number>(n + 2).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n + 1; i++) {
    if (!keepable(i)) continue;
    for (let j = 0; j < i; j++) {
      if (best[j]! < 0 || !keepable(j) || value(j) >= value(i)) continue;
      if (freeBetween(value(j), value(i)) < i - j - 1) continue;
      const candidate = best[j]! + (i <= n ? 1 : 0);
      if (candidate > best[i]!) {
        best[i] = candidate;
        previous[i] = j;
      }
    }
  }
  const chain: number[] = [];
  for (let i = n + 1; i !== -1; i = previous[i]!) chain.unshift(i);
  const kept = new Set(chain.map(value));
  const heldNow = new Set(ordered.map((s) => s.priority).filter(valid));
  const targets = new Map<string, number>();
  for (let c = 0; c + 1 < chain.length; c++) {
    const [from, to] = [chain[c]!, chain[c + 1]!];
    if (to - from <= 1) continue;
    const slots: number[] = [];
    for (let v = value(from) + 1; v < value(to); v++) if (!taken.has(v) && !kept.has(v)) slots.push(v);
    const wanted = to - from - 1;
    const unheld = slots.filter((v) => !heldNow.has(v));
    const chosen = [...unheld.slice(0, wanted), ...slots.filter((v) => heldNow.has(v))]
      .slice(0, wanted)
      .sort((x, y) => x - y);
    for (let k = 0; k < wanted; k++) targets.set(ordered[from + k]!.name, chosen[k]!);
  }
  return targets;
}

/**
 * The PATCH sequence reaching `targets` with every priority unique after each step: an endpoint
 * moves once its target is free; when every pending target is held by another pending endpoint
 * (a cycle), one of them steps aside to a free value first. `current` holds every endpoint of the
 * profile (managed or not). Deterministic: pending endpoints are tried in `targets` order.
 */
export function orderPriorityMoves(
  current: ReadonlyMap<string, number | undefined>,
  targets: ReadonlyMap<string, number>,
): PriorityMove[] {
  const now = new Map(current);
  const moves: PriorityMove[] = [];
  const pending = [...targets.keys()];
  const holder = (v: number): string | undefined => [...now].find(([, p]) => p === v)?.[0];
  const move = (name: string, to: number, temporary: boolean) => {
    moves.push({ name, from: now.get(name), to, temporary });
    now.set(name, to);
  };
  while (pending.length > 0) {
    const ready = pending.findIndex((name) => {
      const h = holder(targets.get(name)!);
      return h === undefined || h === name;
    });
    if (ready >= 0) {
      const [name] = pending.splice(ready, 1) as [string];
      if (now.get(name) !== targets.get(name)) move(name, targets.get(name)!, false);
      continue;
    }
    const wanted = new Set(targets.values());
    const held = new Set(now.values());
    let spare = MIN_PRIORITY;
    while (spare <= MAX_PRIORITY && (held.has(spare) || wanted.has(spare))) spare++;
    if (spare > MAX_PRIORITY) throw new Error("no free priority value to break a cycle of moves");
    move(pending[0]!, spare, true);
  }
  return moves;
}
