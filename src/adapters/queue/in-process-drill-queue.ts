import type { DrillMessage, LocalDrillQueue } from "../../app/ports/drill-queue.js";

/**
 * The drill queue for the CLI and `serve`: each message runs in this process after its delay on
 * a timer. A message whose handler throws is retried once after a second, like a queue redelivery.
 */
export function createInProcessDrillQueue(options: { onError?: (e: unknown) => void } = {}): LocalDrillQueue {
  let handler: ((message: DrillMessage) => Promise<void>) | undefined;
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let waiters: (() => void)[] = [];
  let closed = false;
  const settle = () => {
    if (timers.size === 0 && running === 0) {
      const w = waiters;
      waiters = [];
      w.forEach((r) => r());
    }
  };
  const schedule = (message: DrillMessage, delaySeconds: number, attempt: number) => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed || !handler) return settle();
      running += 1;
      handler(message)
        .catch((e: unknown) => {
          options.onError?.(e);
          if (attempt < 2) schedule(message, 1, attempt + 1);
        })
        .finally(() => {
          running -= 1;
          settle();
        });
    }, delaySeconds * 1000);
    timers.add(timer);
  };
  return {
    attach(h) {
      handler = h;
    },
    send(message, delaySeconds) {
      schedule(message, delaySeconds, 1);
      return Promise.resolve();
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settle();
    },
  };
}
