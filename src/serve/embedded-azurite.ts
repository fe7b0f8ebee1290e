import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = "devstoreaccount1";
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}
type Ctor<T> = new (...args: unknown[]) => T;

export interface EmbeddedAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

function load<T>(path: string): T {
  try {
    return (require(path) as { default: T }).default;
  } catch (e: unknown) {
    throw new Error(
      "tm-sentinel serve needs the azurite package (a devDependency): run `npm ci` in the project, " +
        "or set AzureWebJobsStorage / STATE_TABLE_ENDPOINT to real storage.",
      { cause: e },
    );
  }
}

/**
 * Azurite's Table and Queue services in this process, in memory, on free loopback ports. The
 * server classes are used directly (not the CLI), so Azurite's telemetry is never started and
 * nothing leaves the machine; closing them leaves no child process behind. Positional arguments
 * follow azurite 3.37's configuration constructors (the version is pinned in package.json).
 */
export async function startEmbeddedAzurite(): Promise<EmbeddedAzurite> {
  const TableServer = load<Ctor<AzuriteServer>>("azurite/dist/src/table/TableServer");
  const TableConfiguration = load<Ctor<unknown>>("azurite/dist/src/table/TableConfiguration");
  const QueueServer = load<Ctor<AzuriteServer>>("azurite/dist/src/queue/QueueServer");
  const QueueConfiguration = load<Ctor<unknown>>("azurite/dist/src/queue/QueueConfiguration");
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
  const tableEndpoint = `http://127.0.0.1:${new URL(table.getHttpServerAddress()).port}/${ACCOUNT}`;
  const queueEndpoint = `http://127.0.0.1:${new URL(queue.getHttpServerAddress()).port}/${ACCOUNT}`;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    async stop() {
      await Promise.allSettled([table.close(), queue.close()]);
      await Promise.allSettled([table.clean(), queue.clean()]);
    },
  };
}
