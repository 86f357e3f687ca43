import { createTask, type ScheduledTask } from "node-cron";
import { isPaperbotError } from "../errors.js";
import type { Logger } from "../log.js";

/** A job's failure as one line: a PaperbotError with its place, anything else by its message. */
function oneLine(error: unknown): string {
  const text = isPaperbotError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ");
}

/** A named cron job whose callback is one line handed in by the composition root. */
export interface JobSpec {
  name: string;
  cron: string;
  timeZone: string;
  run: () => Promise<unknown>;
}

/**
 * Runs jobs on node-cron, one at a time: a job that fires while another is running waits for it,
 * so an inbox scan and a delivery pass never interleave their transactions with each other's sends.
 */
export class JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  /** Queues work behind whatever is running; errors are logged, never thrown into node-cron. */
  enqueue(name: string, work: () => Promise<unknown>): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.stopped) return;
      try {
        await work();
      } catch (error) {
        this.log.error(`${name} failed: ${oneLine(error)}`);
      }
    });
    this.chain = next;
    return next;
  }

  start(specs: readonly JobSpec[]): void {
    for (const spec of specs) {
      const task = createTask(spec.cron, () => this.enqueue(spec.name, spec.run), {
        name: spec.name,
        timezone: spec.timeZone,
        noOverlap: true,
      });
      void task.start();
      this.tasks.push(task);
    }
  }

  /** Stops the timers, then waits for the job in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks) await task.destroy();
    await this.chain;
  }
}
