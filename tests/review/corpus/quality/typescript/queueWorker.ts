import { readFileSync } from "fs";

interface Job {
  id: string;
  payload: string;
}

export class QueueWorker {
  constructor(private readonly handlers: Map<string, (job: Job) => Promise<void>>) {}

  async run(jobs: Job[]): Promise<void> {
    jobs.forEach(async (job) => { // wfc-expect: correctness medium
      const handler = this.handlers.get(job.id);
      await handler?.(job);
    });
  }

  async loadConfig(path: string): Promise<Record<string, string>> {
    const raw = readFileSync(path, "utf8"); // wfc-expect: performance medium
    return JSON.parse(raw);
  }

  dispatch(job: Job): void {
    this.process(job).then(() => console.log(`done ${job.id}`)); // wfc-expect: reliability medium
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.id);
    if (!handler) {
      throw new Error(`no handler for ${job.id}`);
    }
    await handler(job);
  }
}
