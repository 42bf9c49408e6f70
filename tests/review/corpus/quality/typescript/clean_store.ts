type Listener<S> = (state: S, previous: S) => void;

export class Store<S extends object> {
  private listeners = new Set<Listener<S>>();

  constructor(private state: S) {}

  get snapshot(): Readonly<S> {
    return this.state;
  }

  subscribe(listener: Listener<S>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  update(patch: Partial<S>): void {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    for (const listener of this.listeners) {
      listener(this.state, previous);
    }
  }
}

export function selectVisible<T extends { id: string; hidden?: boolean }>(
  items: T[],
  pinned: string[],
): T[] {
  const pinnedIds = new Set(pinned);
  const visible = items.filter((item) => !item.hidden);
  return [
    ...visible.filter((item) => pinnedIds.has(item.id)),
    ...visible.filter((item) => !pinnedIds.has(item.id)),
  ];
}
