/**
 * The newest value of something, with listeners told of each new one: how Surface3D hands new
 * trajectories and the marker's iteration to the objects inside the canvas without re-rendering the
 * canvas' React tree for a replay tick or a streamed batch.
 */
export class Latest<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }

  /** Calls `listener` with the current value now and with each new one; returns the unsubscriber. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    listener(this.value);
    return () => void this.listeners.delete(listener);
  }
}
