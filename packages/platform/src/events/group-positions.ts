import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Committed positions of one embedded consumer group, `<DATA_DIR>/events/groups/<group>.json`
 * (`{ "<topic>": <next offset> }`). Saves are debounced and atomic (write then rename) but not
 * fsync'd: losing the last commits in a crash only means redelivery, which consumers absorb by
 * deduplicating on event_id.
 */
export class GroupPositions {
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly positions: Record<string, number>,
    private readonly debounceMs: number,
  ) {}

  static async load(directory: string, groupId: string, debounceMs = 50): Promise<GroupPositions> {
    const file = path.join(directory, 'groups', `${encodeURIComponent(groupId)}.json`);
    let positions: Record<string, number> = {};
    try {
      positions = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, number>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new GroupPositions(file, positions, debounceMs);
  }

  get(topic: string): number | undefined {
    return this.positions[topic];
  }

  commit(topic: string, nextOffset: number): void {
    this.positions[topic] = nextOffset;
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      // A failed background save is retried by the next commit or surfaced by flush().
      this.save().catch(() => undefined);
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.positions);
    this.saving = this.saving.catch(() => undefined).then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, snapshot);
      await fs.rename(temporary, this.file);
    });
    return this.saving;
  }
}
