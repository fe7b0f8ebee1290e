import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from "@azure/functions";
import type { Runtime } from "../composition-root.js";

/**
 * Each file in src/functions/ exports one definition: what triggers it and a factory that takes
 * the wired Runtime and returns the handler. src/index.ts registers them with `app.*`;
 * `tm-sentinel serve` and the tests call the same handlers without the Functions host.
 */
export interface HttpFunctionDefinition {
  kind: "http";
  name: string;
  methods: ("GET" | "PUT" | "POST" | "DELETE" | "PATCH")[];
  /** Route relative to the `api/` prefix, e.g. `profiles/{sub}/{rg}/{name}/desired`. */
  route: string;
  /** Always explicit: the library's default is anonymous. */
  authLevel: "anonymous" | "function" | "admin";
  create(rt: Runtime): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
}

export interface TimerFunctionDefinition {
  kind: "timer";
  name: string;
  /** NCRONTAB, possibly an app-setting reference such as `%AUDIT_SCHEDULE%`. */
  schedule: string;
  runOnStartup: boolean;
  useMonitor: boolean;
  create(rt: Runtime): (timer: Timer, context: InvocationContext) => Promise<void>;
}

export interface QueueFunctionDefinition {
  kind: "queue";
  name: string;
  queueName: string;
  /** App-setting prefix of the storage connection. */
  connection: string;
  create(rt: Runtime): (message: unknown, context: InvocationContext) => Promise<void>;
}

export type FunctionDefinition = HttpFunctionDefinition | TimerFunctionDefinition | QueueFunctionDefinition;
