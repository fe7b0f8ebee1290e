import { MAX_BODY_BYTES } from "./request.js";

/** Building blocks of the OpenAPI document's operations (openapi-document.ts assembles them). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});
export const json = (description: string, name: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref(name) } },
});
export const etagHeader = {
  ETag: { description: "Send it back in If-Match to replace.", schema: { type: "string" } },
};
export const profileParams = ["sub", "rg", "name"].map((name) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description: { sub: "Subscription ID", rg: "Resource group", name: "Profile name" }[name],
}));
export const conditional = [
  {
    name: "If-Match",
    in: "header",
    schema: { type: "string" },
    description: "ETag from GET: replace only if unchanged.",
  },
  {
    name: "If-None-Match",
    in: "header",
    schema: { const: "*" },
    description: "Create only if no document exists.",
  },
];
export const html = (description: string) => ({
  description,
  content: { "text/html": { schema: ref("StatusPage") } },
});
export const common = {
  "401": { description: "Missing or wrong function key (x-functions-key or ?code=)." },
  "500": problem("Unexpected error or misconfiguration; details only in the function log."),
  "502": problem("ARM or storage failed."),
};
export const readOnlyDir = problem(
  "The desired state comes from the read-only DESIRED_STATE_DIR; nothing written.",
);
export const bodyLimits = {
  "413": problem(`Body larger than ${MAX_BODY_BYTES} bytes.`),
  "415": problem("Content-Type is not application/json."),
};
export const writes = {
  "400": problem("If-Match and If-None-Match both sent, or If-None-Match other than *."),
  "412": problem("ETag stale, or If-None-Match: * on an existing document."),
  "428": problem("A document exists and If-Match is missing."),
  "422": problem("Endpoints unknown in the live profile (listed in errors[])."),
};
