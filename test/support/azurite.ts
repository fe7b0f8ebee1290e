import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Well-known public Azurite development account (documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}
type ServerCtor = new (config: unknown) => AzuriteServer;
type ConfigCtor = new (...args: unknown[]) => unknown;

export interface RunningAzurite {
  connectionString: string;
  tableEndpoint: string;
  queueEndpoint: string;
  stop(): Promise<void>;
}

function load<T>(path: string): T {
  return (require(path) as { default: T }).default;
}

/**
 * Starts Azurite's Table and Queue services in this process, in memory, on free loopback ports.
 * Uses Azurite's server classes directly (no CLI), so its telemetry is never initialised and no
 * traffic leaves the machine. The positional arguments follow azurite 3.37's constructors (pinned).
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const TableServer = load<ServerCtor>("azurite/dist/src/table/TableServer");
  const TableConfiguration = load<ConfigCtor>("azurite/dist/src/table/TableConfiguration");
  const QueueServer = load<ServerCtor>("azurite/dist/src/queue/QueueServer");
  const QueueConfiguration = load<ConfigCtor>("azurite/dist/src/queue/QueueConfiguration");

  // host, port, keepAlive, dbPath, debugLog, accessLog, accessLogStream, debugPath, loose,
  // skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, inMemory
  const table = new TableServer(
    new TableConfiguration(
      "127.0.0.1",
      0,
      undefined,
      "unused-table.json",
      false,
      false,
      undefined,
      undefined,
      false,
      true,
      "",
      "",
      "",
      undefined,
      false,
      true,
    ),
  );
  // host, port, keepAlive, dbPath, extentDbPath, persistencePaths, accessLog, accessLogStream,
  // debugLog, debugPath, loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, inMemory
  const queue = new QueueServer(
    new QueueConfiguration(
      "127.0.0.1",
      0,
      undefined,
      "unused-queue.json",
      "unused-extent.json",
      undefined,
      false,
      undefined,
      false,
      undefined,
      false,
      true,
      "",
      "",
      "",
      undefined,
      false,
      true,
    ),
  );
  await table.start();
  await queue.start();
  const tablePort = new URL(table.getHttpServerAddress()).port;
  const queuePort = new URL(queue.getHttpServerAddress()).port;
  const tableEndpoint = `http://127.0.0.1:${tablePort}/${AZURITE_ACCOUNT}`;
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${AZURITE_ACCOUNT}`;
  return {
    tableEndpoint,
    queueEndpoint,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    async stop() {
      await Promise.allSettled([table.close(), queue.close()]);
      await Promise.allSettled([table.clean(), queue.clean()]);
    },
  };
}
