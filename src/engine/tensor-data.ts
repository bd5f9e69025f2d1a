/**
 * Arrays as plain data, for checkpoints and saved optimizer state: dtype, shape and the raw bytes
 * in base64, so a round trip is bit-exact (JSON numbers would be exact too, but three times larger).
 */
import { requireDtypeOn } from "./device-error.js";
import { jax, type DType, type JaxArray } from "./jax.js";

export interface TensorData {
  dtype: DType;
  shape: number[];
  /** Little-endian bytes of the elements, base64. */
  data: string;
}

const typedArrayOf: Record<string, new (buffer: ArrayBuffer) => ArrayLike<number> & { buffer: ArrayBuffer }> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint32: Uint32Array,
};

/** Reads the array to host memory and encodes it; borrows `array`. */
export async function toTensorData(array: JaxArray): Promise<TensorData> {
  const { dtype, shape } = array;
  const values = await array.ref.data();
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { dtype, shape: [...shape], data: bytesToBase64(bytes) };
}

/** Builds an array from its encoded form; throws naming `where` when the data does not fit the shape. */
export function fromTensorData(data: TensorData, where: string): JaxArray {
  const TypedArray = typedArrayOf[data.dtype];
  requireDtypeOn(jax.defaultDevice(), data.dtype, where);
  if (!TypedArray) throw new Error(`${where}: unsupported dtype "${data.dtype}" (valid: ${Object.keys(typedArrayOf).join(", ")})`);
  const bytes = base64ToBytes(data.data);
  const size = data.shape.reduce((a, b) => a * b, 1);
  const width = data.dtype === "float64" ? 8 : 4;
  if (bytes.byteLength !== size * width) {
    throw new Error(`${where}: ${bytes.byteLength} bytes do not hold a ${data.dtype} array of shape [${data.shape.join(", ")}] (${size * width} bytes)`);
  }
  const values = new TypedArray(bytes.buffer as ArrayBuffer);
  return jax.numpy.array(values as Float32Array<ArrayBuffer>, { shape: data.shape, dtype: data.dtype });
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
