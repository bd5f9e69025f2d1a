import { initEngine } from "../src/engine/index.js";

await initEngine("wasm");
