import type {
  HttpRequest,
  HttpResponseInit,
  InvocationContext,
  HttpFunctionOptions,
  StorageQueueFunctionOptions,
  TimerFunctionOptions,
} from "@azure/functions";
import type { Runtime } from "../composition-root.js";
import type { AppConfig } from "../config/load-config.js";
import type { FunctionDefinition } from "./definition.js";
import { errorResponse } from "./http/problem.js";

/** The part of `@azure/functions`' `app` we use; tests pass a recorder with the same methods. */
export interface FunctionsApp {
  http(name: string, options: HttpFunctionOptions): void;
  timer(name: string, options: TimerFunctionOptions): void;
  storageQueue(name: string, options: StorageQueueFunctionOptions): void;
}

/** What was handed to `app.*` for one function, without the handler (for logs and tests). */
export type Registration =
  | { trigger: "http"; name: string; methods: string[]; route: string; authLevel: string }
  | { trigger: "timer"; name: string; schedule: string; runOnStartup: boolean; useMonitor: boolean }
  | { trigger: "queue"; name: string; queueName: string; connection: string };

/**
 * `%NAME%` references that definitions may use, resolved from validated configuration. The host
 * would resolve them from app settings itself, but then a setting left unset (meaning "use the
 * default") would stop the host; resolving here applies the same default the config documents.
 */
export function settingReferences(config: AppConfig): Record<string, string> {
  return {
    AUDIT_SCHEDULE: config.host.auditSchedule,
    AUDIT_QUEUE: config.host.auditQueue,
    DRILL_QUEUE: config.drills.queue,
  };
}

function resolveReferences(text: string, values: Record<string, string>): string {
  return text.replace(/%([A-Za-z0-9_]+)%/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`function registration: unknown setting reference %${name}%`);
    return value;
  });
}

/** Builds a value once; a failed build is forgotten so the next invocation tries again. */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}

/** Creates each handler on its first invocation, from the Runtime built once per process. */
function lazy<A extends unknown[], R>(
  runtime: () => Promise<Runtime>,
  create: (rt: Runtime) => (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  const handler = once(async () => create(await runtime()));
  return async (...args: A) => (await handler())(...args);
}

/**
 * Like `lazy`, for HTTP: when the Runtime cannot be built (credentials, storage), the caller still
 * gets an RFC 9457 answer and the log gets the cause, instead of the host's bare 500.
 */
function lazyHttp(
  runtime: () => Promise<Runtime>,
  create: (rt: Runtime) => (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  const handler = once(async () => create(await runtime()));
  return async (request, context) => {
    let handle: Awaited<ReturnType<typeof handler>>;
    try {
      handle = await handler();
    } catch (e: unknown) {
      return errorResponse(e, context);
    }
    return handle(request, context);
  };
}

/**
 * Registers every definition with the Functions app. Every HTTP function gets its explicit
 * authLevel; the Runtime (SDK clients, credentials) is built on the first invocation, not at import.
 */
export function registerFunctions(
  app: FunctionsApp,
  definitions: readonly FunctionDefinition[],
  config: AppConfig,
  runtime: () => Promise<Runtime>,
): Registration[] {
  const refs = settingReferences(config);
  const registered: Registration[] = [];
  for (const def of definitions) {
    switch (def.kind) {
      case "http": {
        const route = resolveReferences(def.route, refs);
        app.http(def.name, {
          methods: [...def.methods],
          authLevel: def.authLevel,
          route,
          handler: lazyHttp(runtime, (rt) => def.create(rt)),
        });
        registered.push({
          trigger: "http",
          name: def.name,
          methods: [...def.methods],
          route,
          authLevel: def.authLevel,
        });
        break;
      }
      case "timer": {
        const schedule = resolveReferences(def.schedule, refs);
        const options = { schedule, runOnStartup: def.runOnStartup, useMonitor: def.useMonitor };
        app.timer(def.name, { ...options, handler: lazy(runtime, (rt) => def.create(rt)) });
        registered.push({ trigger: "timer", name: def.name, ...options });
        break;
      }
      case "queue": {
        const options = { queueName: resolveReferences(def.queueName, refs), connection: def.connection };
        app.storageQueue(def.name, { ...options, handler: lazy(runtime, (rt) => def.create(rt)) });
        registered.push({ trigger: "queue", name: def.name, ...options });
        break;
      }
    }
  }
  return registered;
}
