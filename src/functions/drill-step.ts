import { drillDepsFromRuntime } from "../app/drills/drill-runtime.js";
import { runDrillStep } from "../app/drills/run-drill-step.js";
import type { DrillMessage } from "../app/ports/drill-queue.js";
import type { QueueFunctionDefinition } from "./definition.js";

function asDrillMessage(body: unknown): DrillMessage | undefined {
  const m = (typeof body === "string" ? safeJson(body) : body) as Partial<DrillMessage> | undefined;
  if (!m || typeof m.profile !== "string" || typeof m.drillId !== "string" || typeof m.seq !== "number")
    return undefined;
  return { profile: m.profile, drillId: m.drillId, seq: m.seq };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Runs one step of a failover drill per DRILL_QUEUE message (waits are visibility delays, so no
 * invocation waits). Throwing makes the host redeliver the message; every step is safe to repeat.
 */
export const drillStepFunction: QueueFunctionDefinition = {
  kind: "queue",
  name: "drill-step",
  queueName: "%DRILL_QUEUE%",
  connection: "AzureWebJobsStorage",
  create: (rt) => async (body, context) => {
    const message = asDrillMessage(body);
    if (!message) {
      context.error("drill-step: dropped an invalid message");
      return;
    }
    const outcome = await runDrillStep(drillDepsFromRuntime(rt), message);
    if (outcome.status === "stale") context.log(`drill-step: ${outcome.reason}; dropped`);
    else
      context.log(
        `drill-step: drill ${outcome.drill.id} of ${outcome.drill.profile} is at ${outcome.drill.phase}`,
      );
  },
};
