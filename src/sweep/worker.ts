/**
 * A trial worker thread: its own jax-js engine, run store connection (or, in a queue worker, a
 * relay of its writes to the main thread) and dataset cache, running the trials the sweep sends it
 * one at a time and asking the main thread for ASHA's decisions.
 */
import { parentPort, workerData } from "node:worker_threads";
import { releaseDevice, useDevice } from "../engine/node/index.js";
import { openStore } from "../store/index.js";
import type { Decision } from "./asha.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./messages.js";
import { relayStore } from "./queue/run-writes.js";
import { runTrial } from "./run-trial.js";

const port = parentPort!;
const setup = workerData as WorkerSetup;
const send = (message: FromWorker) => port.postMessage(message);

await useDevice(setup.device ?? "wasm");
const own = setup.storePath === undefined ? undefined : openStore(setup.storePath);
const store = own ?? relayStore((write) => send({ type: "write", write }));
let answer: ((decision: Decision) => void) | undefined;

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "decision":
      answer?.(message.decision);
      answer = undefined;
      return;
    case "trial":
      void runTrial(message.task, { store, dataDir: setup.dataDir, onStart: (runId) => send({ type: "started", runId }) }, (epoch, value) => {
        send({ type: "epoch", epoch, value });
        return new Promise<Decision>((resolve) => (answer = resolve));
      }).then((outcome) => send({ type: "done", outcome }));
      return;
    case "close":
      own?.close();
      releaseDevice();
      send({ type: "closed" });
  }
});
send({ type: "ready" });
