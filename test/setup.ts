import "../src/engine/node-threads.js";
import { initEngine } from "../src/engine/index.js";

await initEngine("wasm");
