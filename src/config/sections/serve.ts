import { z } from "zod";

const PORT_RULE = "must be a whole number from 0 to 65535 (0 picks a free port)";

/** Settings of `tm-sentinel serve` (the local dev host); the Functions host ignores them. */
export const serveSection = z
  .object({
    /** Port of the local HTTP host; Core Tools' default, so URLs match `func start`. */
    SERVE_PORT: z.coerce
      .number({ error: PORT_RULE })
      .int(PORT_RULE)
      .min(0, PORT_RULE)
      .max(65535, PORT_RULE)
      .default(7071),
  })
  .transform((s) => ({ port: s.SERVE_PORT }));
