import { z } from "zod";

/** Settings of `tm-sentinel serve` (the local dev host); the Functions host ignores them. */
export const serveSection = z
  .object({
    /** Port of the local HTTP host; Core Tools' default, so URLs match `func start`. */
    SERVE_PORT: z.coerce.number().int("must be a whole number").min(0).max(65535).default(7071),
  })
  .transform((s) => ({ port: s.SERVE_PORT }));
