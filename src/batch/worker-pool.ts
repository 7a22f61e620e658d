import type {
  BlockResult,
  HeaderRecord,
  RecordBlock,
  SpawnWorker,
  WorkerMessage,
  WorkerReply,
  WorkerSetup,
} from "./types.ts";

/** Workers pricing blocks, each in the order received; blocks are handed out in turn. */
export interface WorkerPool {
  /** Sends the header; blocks sent after it are priced as data rows. */
  readonly start: (header: HeaderRecord) => void;
  /** Prices a block on the next worker; its bytes are transferred (unusable here afterwards). */
  readonly price: (block: RecordBlock, first: number) => Promise<BlockResult>;
  /** Hands the memory of a written output back to a worker, for reuse. */
  readonly recycle: (buffer: ArrayBuffer) => void;
  /** Stops the workers. */
  readonly close: () => Promise<void>;
}

interface Waiting {
  readonly resolve: (result: BlockResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Starts `count` workers (at least 1); `spareInput` receives the memory of priced blocks. */
export const workerPool = (
  spawn: SpawnWorker,
  count: number,
  data: WorkerSetup,
  spareInput: (buffer: ArrayBuffer) => void,
): WorkerPool => {
  const workers = Array.from({ length: Math.max(1, count) }, () => {
    const worker = spawn(data);
    const waiting: Waiting[] = [];
    const fail = (error: unknown): void => {
      for (const w of waiting.splice(0)) w.reject(error);
    };
    worker.on("message", (reply: WorkerReply) => {
      spareInput(reply.input);
      waiting.shift()?.resolve(reply.result);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`batch worker exited (code ${code})`)));
    return { worker, waiting };
  });
  let next = 0;
  let nextRecycle = 0;
  let closed = false;
  return {
    start: (header) => {
      const message: WorkerMessage = { kind: "header", header };
      for (const { worker } of workers) worker.postMessage(message);
    },
    price: (block, first) => {
      const slot = workers[next++ % workers.length] as (typeof workers)[number];
      const result = new Promise<BlockResult>((resolve, reject) => slot.waiting.push({ resolve, reject }));
      result.catch(() => {}); // awaited later, in order; a failure must not go unhandled meanwhile
      const message: WorkerMessage = { kind: "block", bytes: block.bytes, first, last: block.last };
      slot.worker.postMessage(message, [block.bytes.buffer as ArrayBuffer]);
      return result;
    },
    recycle: (buffer) => {
      if (closed) return;
      const { worker } = workers[nextRecycle++ % workers.length] as (typeof workers)[number];
      const message: WorkerMessage = { kind: "recycle", buffer };
      worker.postMessage(message, [buffer]);
    },
    close: async () => {
      closed = true;
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
};
