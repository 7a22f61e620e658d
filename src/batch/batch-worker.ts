// A batch worker: prices blocks of records with the bundled dataset; started by runBatch's pool
// (the CLI builds it to dist/commands/batch-worker.js).
import { parentPort, workerData } from "node:worker_threads";
import { dataset } from "../data/index.ts";
import { BlockPricer } from "./block-pricer.ts";
import type { WorkerMessage, WorkerReply, WorkerSetup } from "./types.ts";

const { setup } = workerData as WorkerSetup;
let pricer: BlockPricer | null = null;

parentPort?.on("message", (message: WorkerMessage) => {
  if (message.kind === "header") {
    pricer = new BlockPricer(setup, dataset, message.header);
    return;
  }
  if (message.kind === "recycle") {
    pricer?.recycle(message.buffer);
    return;
  }
  if (pricer === null) throw new Error("batch worker: a block came before the header");
  const { bytes } = message;
  const result = pricer.price(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    message.first,
    message.last,
  );
  const reply: WorkerReply = { result, input: bytes.buffer as ArrayBuffer };
  parentPort?.postMessage(reply, [result.output.buffer as ArrayBuffer, reply.input]);
});
