/**
 * Optimizer state as plain JSON-safe data, and back, bit for bit.
 *
 * The data mirrors the state tree; each array becomes `{ dtype, shape, data }` with its raw
 * little-endian bytes in base64, so every float64/float32 value (−0, NaN payloads, subnormals
 * included) survives `JSON.stringify`/`JSON.parse` unchanged. Loading walks the state a fresh
 * `init(params)` would build and checks the data against it, so data saved for other parameters
 * (names, shapes, dtypes) or another optimizer is an error that says where it differs.
 */
import { jax, type JaxArray } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { ArrayData, ArrayTree, OptimizerState, OptimizerStateData, StateTreeData } from "./types.js";

const np = jax.numpy;
const where = "optimizer state";

type TypedArrayConstructor = (new (buffer: ArrayBuffer) => ArrayLike<number>) & { BYTES_PER_ELEMENT: number };

const typedArrays: Record<string, TypedArrayConstructor> = {
  float64: Float64Array,
  float32: Float32Array,
  float16: (globalThis as unknown as { Float16Array: TypedArrayConstructor }).Float16Array,
  int32: Int32Array,
  uint32: Uint32Array,
};

/** The state as data for optimizer `type`; borrows `state`. */
export async function encodeState(type: string, state: OptimizerState): Promise<OptimizerStateData> {
  const groups = await Promise.all(state.groups.map(encodeTree));
  return { format: "lrkit.optimizer-state", version: 1, type, groups };
}

/** State from `data`, shaped like `template` (a fresh init for the same parameters); borrows `template`. */
export function decodeState(data: unknown, template: OptimizerState, type: string): OptimizerState {
  if (!isRecord(data) || data.format !== "lrkit.optimizer-state" || data.version !== 1) {
    throw new ConfigError(`${where}: expected data saved by optimizer.saveState (format "lrkit.optimizer-state", version 1)`, where);
  }
  if (data.type !== type) {
    throw new ConfigError(`${where}: saved for ${JSON.stringify(data.type)}, this optimizer is ${type}`, where, "type", data.type);
  }
  const groups = decodeTree(template.groups, data.groups, "groups") as ArrayTree[];
  return { groups };
}

async function encodeTree(node: unknown): Promise<StateTreeData> {
  if (node instanceof np.Array) return encodeArray(node);
  if (Array.isArray(node)) return Promise.all(node.map(encodeTree));
  const entries = await Promise.all(Object.entries(node as object).map(async ([k, v]) => [k, await encodeTree(v)] as const));
  return Object.fromEntries(entries);
}

async function encodeArray(array: JaxArray): Promise<ArrayData> {
  const values = await array.ref.data();
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { dtype: array.dtype, shape: [...array.shape], data: toBase64(bytes) };
}

function decodeTree(template: unknown, data: unknown, path: string): unknown {
  if (template instanceof np.Array) return decodeArray(template, data, path);
  if (Array.isArray(template)) {
    if (!Array.isArray(data) || data.length !== template.length) {
      throw misfit(path, `expected a list of ${template.length}, saved ${describe(data)}`);
    }
    return template.map((t, i) => decodeTree(t, data[i], `${path}[${i}]`));
  }
  if (!isRecord(data)) throw misfit(path, `expected an object, saved ${describe(data)}`);
  const expected = Object.keys(template as object);
  const saved = Object.keys(data);
  const missing = expected.filter((k) => !(k in data));
  const unexpected = saved.filter((k) => !expected.includes(k));
  if (missing.length || unexpected.length) {
    throw misfit(path, `the parameters have [${expected.join(", ")}], the saved state has [${saved.join(", ")}] (missing: ${missing.join(", ") || "none"}; unexpected: ${unexpected.join(", ") || "none"})`);
  }
  const out: Record<string, unknown> = {};
  for (const key of expected) out[key] = decodeTree((template as Record<string, unknown>)[key], data[key], `${path}${pathKey(key)}`);
  return out;
}

function decodeArray(template: JaxArray, data: unknown, path: string): JaxArray {
  if (!isRecord(data) || typeof data.dtype !== "string" || !Array.isArray(data.shape) || typeof data.data !== "string") {
    throw misfit(path, `expected an array {dtype, shape, data}, saved ${describe(data)}`);
  }
  const shape = data.shape as number[];
  if (data.dtype !== template.dtype || shape.length !== template.shape.length || shape.some((n, i) => n !== template.shape[i])) {
    throw misfit(path, `the parameters need ${template.dtype}[${template.shape.join(", ")}], the saved state has ${data.dtype}[${shape.join(", ")}]`);
  }
  const Typed = typedArrays[template.dtype]!;
  const size = shape.reduce((a, b) => a * b, 1);
  const bytes = fromBase64(data.data, path);
  if (bytes.byteLength !== size * Typed.BYTES_PER_ELEMENT) {
    throw misfit(path, `saved ${bytes.byteLength} bytes, which is not ${size} ${data.dtype} values`);
  }
  return np.array(new Typed(bytes.buffer) as Float64Array<ArrayBuffer>, { shape, dtype: template.dtype });
}

function misfit(path: string, detail: string): ConfigError {
  return new ConfigError(`${where} does not fit the parameters: at ${path}, ${detail}`, where, path);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string, path: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw misfit(path, "the data is not valid base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return value === null || value === undefined ? String(value) : typeof value;
}
