import { z } from "zod";

/**
 * Where state lives. Table storage when `STATE_TABLE_ENDPOINT` (managed identity) or
 * `AzureWebJobsStorage` (connection string) is set; otherwise desired documents from
 * `DESIRED_STATE_DIR` (read-only) with reports kept in memory; otherwise everything in memory.
 */
export type StoreConnection =
  | { kind: "connection-string"; connectionString: string }
  | { kind: "identity"; endpoint: string; clientId?: string }
  | { kind: "none" };

const tableName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/, "must be 3–63 letters or digits, starting with a letter");

const DAYS_RULE = "must be a whole number of days from 1 to 3650";
const days = z.coerce.number({ error: DAYS_RULE }).int(DAYS_RULE).min(1, DAYS_RULE).max(3650, DAYS_RULE);

const VERSIONS_RULE = "must be a whole number of versions from 1 to 10000";
const versions = z.coerce
  .number({ error: VERSIONS_RULE })
  .int(VERSIONS_RULE)
  .min(1, VERSIONS_RULE)
  .max(10000, VERSIONS_RULE);

/** Settings of the store area. Keys are app-setting names exactly as in Azure. */
export const storeSection = z
  .object({
    /** Connection string, or `UseDevelopmentStorage=true` for Azurite on its default ports. */
    AzureWebJobsStorage: z.string().optional(),
    /**
     * Identity-based: `https://<account>.table.core.windows.net`; wins over AzureWebJobsStorage.
     * https only: the SDK never sends a bearer token over plain http, so every call would fail.
     */
    STATE_TABLE_ENDPOINT: z
      .url({
        protocol: /^https$/,
        error: "must be an https:// URL such as https://<account>.table.core.windows.net",
      })
      .optional(),
    /** Client ID of a user-assigned managed identity (system-assigned when unset). */
    AZURE_CLIENT_ID: z.string().optional(),
    /** Read-only folder of `<subscriptionId>__<resourceGroup>__<profileName>.json` desired documents. */
    DESIRED_STATE_DIR: z.string().optional(),
    TABLE_DESIRED: tableName.default("tmsDesired"),
    TABLE_REPORTS: tableName.default("tmsReports"),
    TABLE_STATE: tableName.default("tmsState"),
    REPORT_RETENTION_DAYS: days.default(30),
    /** Desired-state history versions kept per profile; older ones are pruned on write. */
    DESIRED_HISTORY_VERSIONS: versions.default(100),
  })
  .transform((s) => ({
    connection: connectionOf(s),
    desiredStateDir: s.DESIRED_STATE_DIR,
    tables: { desired: s.TABLE_DESIRED, reports: s.TABLE_REPORTS, state: s.TABLE_STATE },
    reportRetentionDays: s.REPORT_RETENTION_DAYS,
    desiredHistoryVersions: s.DESIRED_HISTORY_VERSIONS,
  }));

export type StoreConfig = z.output<typeof storeSection>;

function connectionOf(s: {
  AzureWebJobsStorage?: string | undefined;
  STATE_TABLE_ENDPOINT?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
}): StoreConnection {
  if (s.STATE_TABLE_ENDPOINT !== undefined)
    return {
      kind: "identity",
      endpoint: s.STATE_TABLE_ENDPOINT.replace(/\/+$/, ""),
      ...(s.AZURE_CLIENT_ID !== undefined ? { clientId: s.AZURE_CLIENT_ID } : {}),
    };
  if (s.AzureWebJobsStorage !== undefined)
    return { kind: "connection-string", connectionString: s.AzureWebJobsStorage };
  return { kind: "none" };
}
