import { createTask, type ScheduledTask } from "node-cron";
import { isPaperbotError } from "../errors.js";
import { stripAnsi, type Logger } from "../log.js";

/** node-cron's own logger shape (its default prints coloured lines straight to the console). */
interface CronLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, err?: Error): void;
  debug(message: string | Error, err?: Error): void;
}

/**
 * node-cron's messages through our logger, colours stripped, named by job. A run skipped because
 * the previous one is still busy is expected here (jobs wait for each other), so it is info, not warn.
 */
export function cronLogger(log: Logger, job: string): CronLogger {
  const text = (message: string | Error, err?: Error): string => {
    const main = stripAnsi(message instanceof Error ? message.message : message);
    return `cron ${job}: ${main}${err === undefined ? "" : `: ${stripAnsi(err.message)}`}`;
  };
  return {
    info: (m) => log.info(text(m)),
    warn: (m) => (/overlap/i.test(m) ? log.info(text("still running; this run skipped")) : log.warn(text(m))),
    error: (m, err) => log.error(text(m, err)),
    debug: (m, err) => log.debug(text(m, err)),
  };
}

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
      this.log.debug(`job ${name}: starting`);
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
        logger: cronLogger(this.log, spec.name),
      });
      void Promise.resolve(task.start()).then(() => {
        const next = task.getNextRun()?.toISOString() ?? "never";
        this.log.debug(`cron ${spec.name}: scheduled "${spec.cron}" (${spec.timeZone}), next run ${next}`);
      });
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
