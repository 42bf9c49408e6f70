export interface Task {
  id: string;
  runAt: number;
  run: () => Promise<void>;
}

export class Scheduler {
  private readonly queue: Task[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onError: (task: Task, err: unknown) => void) {}

  schedule(task: Task): void {
    const index = this.queue.findIndex((t) => t.runAt > task.runAt);
    if (index === -1) {
      this.queue.push(task);
    } else {
      this.queue.splice(index, 0, task);
    }
    this.arm();
  }

  cancel(id: string): boolean {
    const index = this.queue.findIndex((t) => t.id === id);
    if (index === -1) {
      return false;
    }
    this.queue.splice(index, 1);
    this.arm();
    return true;
  }

  private arm(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const next = this.queue[0];
    if (!next) {
      return;
    }
    this.timer = setTimeout(() => void this.tick(), Math.max(0, next.runAt - Date.now()));
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0].runAt <= now) {
      const task = this.queue.shift() as Task;
      try {
        await task.run();
      } catch (err) {
        this.onError(task, err);
      }
    }
    this.arm();
  }
}
