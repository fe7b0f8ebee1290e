import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { silenceInputSchema } from "../../core/silences/silence-input.js";
import {
  desiredHistorySchema,
  healthSchema,
  openApiDocumentSchema,
  problemSchema,
  profileListSchema,
  reportSchema,
} from "./api-schemas.js";
import { drillListSchema, drillRequestSchema, drillSchema } from "./api-schemas-drills.js";
import {
  applyRecordSchema,
  applyRequestSchema,
  guardRailBlockSchema,
  planSchema,
} from "./api-schemas-reconcile.js";
import { silenceListSchema, silenceSchema } from "./api-schemas-silences.js";

/**
 * Every request and response body of the API, by component name. The components are generated
 * from these zod schemas in one pass, so a schema used inside another (DesiredState in
 * DesiredHistory, Silence in SilenceList, …) becomes a `$ref` to its component.
 */
const bodies: Record<string, z.ZodType> = {
  DesiredState: desiredStateSchema,
  DesiredHistory: desiredHistorySchema,
  Problem: problemSchema,
  Health: healthSchema,
  OpenApiDocument: openApiDocumentSchema,
  Report: reportSchema,
  ProfileList: profileListSchema,
  Plan: planSchema,
  GuardRailBlock: guardRailBlockSchema,
  ApplyRequest: applyRequestSchema,
  ApplyRecord: applyRecordSchema,
  SilenceInput: silenceInputSchema,
  Silence: silenceSchema,
  SilenceList: silenceListSchema,
  DrillRequest: drillRequestSchema,
  Drill: drillSchema,
  DrillList: drillListSchema,
  StatusPage: z.string().meta({ description: "Self-contained HTML, no script (docs/status-page.md)." }),
};

/** The `components.schemas` of the document, generated from `bodies`. */
export function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(bodies)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}
