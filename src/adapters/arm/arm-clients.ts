import {
  TrafficManagerManagementClient,
  type TrafficManagerManagementClientOptionalParams,
} from "@azure/arm-trafficmanager";
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import { boundedRetryAfterPolicy, DEFAULT_MAX_RETRY_AFTER_MS } from "./bounded-retry-after.js";

export interface ArmClientSettings {
  /** Base URL override; undefined means the SDK default (https://management.azure.com). */
  endpoint?: string | undefined;
  /** Token scope; always passed explicitly so an endpoint override never changes the audience. */
  scope: string;
  maxRetries: number;
  /** Longest Retry-After waited out per retry; a longer one fails the read (default 60 s). */
  maxRetryAfterMs?: number;
  /** Extra client options for tests (e.g. `tlsOptions.ca`, short retry delays). */
  clientOptions?: Pick<
    TrafficManagerManagementClientOptionalParams,
    "tlsOptions" | "retryOptions" | "httpClient"
  >;
}

/**
 * DefaultAzureCredential normally; a user-assigned managed identity when its client ID is
 * configured, because DefaultAzureCredential would otherwise pick the system-assigned one.
 */
export function createArmCredential(clientId: string | undefined): TokenCredential {
  return clientId === undefined ? new DefaultAzureCredential() : new ManagedIdentityCredential({ clientId });
}

/** One SDK client per subscription (the SDK binds the subscription at construction), shared pipeline settings. */
export class ArmClients {
  private readonly clients = new Map<string, TrafficManagerManagementClient>();

  constructor(
    /** Shared by every client built here (one token cache per process). */
    readonly credential: TokenCredential,
    private readonly settings: ArmClientSettings,
  ) {}

  for(subscriptionId: string): TrafficManagerManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      const { endpoint, scope, maxRetries, maxRetryAfterMs, clientOptions } = this.settings;
      client = new TrafficManagerManagementClient(this.credential, subscriptionId, {
        ...clientOptions,
        ...(endpoint === undefined ? {} : { endpoint }),
        // The SDK derives the scope from `endpoint` when this is absent.
        credentialScopes: [scope],
        retryOptions: { ...clientOptions?.retryOptions, maxRetries },
        userAgentOptions: { userAgentPrefix: "tm-sentinel" },
        additionalPolicies: [
          {
            policy: boundedRetryAfterPolicy(maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS),
            position: "perRetry",
          },
        ],
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
