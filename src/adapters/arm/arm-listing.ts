import type { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { MalformedArmResponse } from "./arm-read-failure.js";

/** A listing page as ARM sends it: `{ value: Profile[], nextLink? }`. */
interface ListPage {
  value: unknown[];
  nextLink?: string;
}

function readPage(bodyText: string | undefined | null): ListPage {
  let body: unknown;
  try {
    body = JSON.parse(bodyText ?? "");
  } catch {
    throw new MalformedArmResponse("the list body is not JSON");
  }
  if (typeof body !== "object" || body === null || !Array.isArray((body as { value?: unknown }).value)) {
    throw new MalformedArmResponse("the list body has no `value` array");
  }
  const { value, nextLink } = body as { value: unknown[]; nextLink?: unknown };
  if (nextLink !== undefined && nextLink !== null && typeof nextLink !== "string") {
    throw new MalformedArmResponse("`nextLink` is not a string");
  }
  return typeof nextLink === "string" && nextLink !== "" ? { value, nextLink } : { value };
}

type ListOperation = (options: {
  requestOptions: { timeout: number };
  onResponse: (raw: { status: number; bodyAsText?: string | null }) => void;
}) => AsyncIterable<unknown>;

/**
 * Runs one SDK list operation and follows `nextLink` through the client's own pipeline (same
 * credential, retries and TLS settings), because SDK 6.1.0 reads only the first page (§2.4).
 * Items from the SDK are flattened, items from follow-up pages are raw ARM JSON; the normaliser
 * accepts both.
 */
async function listAll(
  client: TrafficManagerManagementClient,
  list: ListOperation,
  call: ArmCall,
): Promise<unknown[]> {
  let first: ListPage | undefined;
  const items: unknown[] = [];
  for await (const item of list({
    requestOptions: { timeout: call.timeoutMs },
    // Also called for error responses, just before the SDK throws its RestError for them.
    onResponse: (raw) => {
      if (raw.status >= 200 && raw.status < 300) first = readPage(raw.bodyAsText);
    },
  })) {
    items.push(item);
  }
  if (!first) throw new MalformedArmResponse("the list operation returned no response");
  let nextLink = first.nextLink;
  const base = new URL(call.baseUrl);
  for (let pages = 1; nextLink !== undefined; pages++) {
    const url = new URL(nextLink, base);
    // Never send the bearer token to another host than the configured ARM endpoint.
    if (url.origin !== base.origin) throw new MalformedArmResponse(`nextLink points outside ${base.origin}`);
    if (pages > 1000) throw new MalformedArmResponse("more than 1000 pages; nextLink loops?");
    const response = await client.sendRequest(
      createPipelineRequest({ url: url.href, method: "GET", timeout: call.timeoutMs }),
    );
    if (response.status !== 200)
      throw new MalformedArmResponse(`nextLink page answered ${String(response.status)}`);
    const page = readPage(response.bodyAsText);
    items.push(...page.value);
    nextLink = page.nextLink;
  }
  return items;
}

/** Per-call settings: the ARM base URL (to vet nextLink) and the per-request timeout. */
export interface ArmCall {
  baseUrl: string;
  timeoutMs: number;
}

export function listBySubscription(
  client: TrafficManagerManagementClient,
  call: ArmCall,
): Promise<unknown[]> {
  return listAll(client, (o) => client.profiles.listBySubscription(o), call);
}

export function listByResourceGroup(
  client: TrafficManagerManagementClient,
  resourceGroup: string,
  call: ArmCall,
): Promise<unknown[]> {
  return listAll(client, (o) => client.profiles.listByResourceGroup(resourceGroup, o), call);
}

export function getProfile(
  client: TrafficManagerManagementClient,
  resourceGroup: string,
  name: string,
  call: ArmCall,
): Promise<unknown> {
  return client.profiles.get(resourceGroup, name, { requestOptions: { timeout: call.timeoutMs } });
}
