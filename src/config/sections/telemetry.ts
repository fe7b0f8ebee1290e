import { z } from "zod";

/**
 * Application Insights. Metrics and spans are always recorded through the OpenTelemetry API (no-ops
 * without an SDK); the Azure Monitor exporter is loaded only when a connection string is set, so
 * a cold start without it never pays for the exporter's import.
 */
export const telemetrySection = z
  .object({
    APPLICATIONINSIGHTS_CONNECTION_STRING: z
      .string()
      .trim()
      .regex(
        /(^|;)\s*InstrumentationKey=[^;]+/i,
        "must be an Application Insights connection string containing InstrumentationKey=… (copy it from the resource's Overview)",
      )
      .optional(),
    /** The user-assigned identity that ingests (infra/ sets DisableLocalAuth: Entra-only ingestion). */
    AZURE_CLIENT_ID: z.string().trim().optional(),
  })
  .transform((s) => ({
    connectionString: s.APPLICATIONINSIGHTS_CONNECTION_STRING,
    clientId: s.AZURE_CLIENT_ID,
  }));

export type TelemetryConfig = z.output<typeof telemetrySection>;
