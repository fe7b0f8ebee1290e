import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
}

/**
 * The `adaptivecards` package's ESM build uses extension-less imports Node cannot resolve; its
 * UMD bundle parses and validates without a DOM, so load that one.
 */
const ac = require("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsModule;

/** Every parse warning and validation failure the official parser reports for a card. */
export function cardProblems(card: unknown): string[] {
  const context = new ac.SerializationContext();
  const parsed = new ac.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}
