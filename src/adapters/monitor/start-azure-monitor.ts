import type { TokenCredential } from "@azure/core-auth";
import { shutdownAzureMonitor, useAzureMonitor } from "@azure/monitor-opentelemetry";
import type { TelemetryConfig } from "../../config/sections/telemetry.js";

/**
 * Registers the Azure Monitor OpenTelemetry distro as the global meter and tracer provider, so the
 * metrics and spans of src/app/telemetry reach Application Insights. Ingestion authenticates with
 * the app's managed identity (infra/ turns local auth off). Imported lazily by the composition
 * root, only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 */
export function startAzureMonitor(
  config: TelemetryConfig & { connectionString: string },
  /** The process's shared credential (composition root), so ingestion shares its token cache. */
  credential: TokenCredential,
): {
  shutdown(): Promise<void>;
} {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.connectionString, credential },
    // Our own metrics and spans only: HTTP and Azure SDK auto-instrumentation stay with the host.
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
    enableLiveMetrics: false,
  });
  return { shutdown: () => shutdownAzureMonitor() };
}
