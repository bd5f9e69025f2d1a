/**
 * The run store as the dashboard reads it: opened read-only on first use, so `lrkit dash` can be
 * started before the first training run creates the file. Until the file exists, `current()` is
 * undefined and the API answers with empty lists.
 */
import { openStore, StoreError, type RunStore } from "../store/index.js";

export class StoreHandle {
  private store: RunStore | undefined;

  constructor(readonly path: string) {}

  current(): RunStore | undefined {
    if (this.store) return this.store;
    try {
      this.store = openStore(this.path, { readonly: true });
    } catch (error) {
      if (error instanceof StoreError && error.reason === "missing") return undefined;
      throw error;
    }
    return this.store;
  }

  /** The store, or a StoreError ("missing") naming the file. */
  require(): RunStore {
    return this.current() ?? openStore(this.path, { readonly: true });
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }
}
