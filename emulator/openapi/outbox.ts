import { join } from 'node:path';
import { loadJsonFile, saveJsonFile } from './json-file';

/** A subscription message as WeChat would have delivered it. */
export interface OutboxMessage {
  msgid: number;
  /** Emulator clock time the message was accepted (ms). */
  sentAt: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string | number }>;
  miniprogramState: string;
  lang: string;
}

const MAX_MESSAGES = 5000;

/** Sent subscription messages; in memory, mirrored to `<dataDir>/openapi/outbox.json` when persistent. */
export class Outbox {
  private messages: OutboxMessage[];
  private readonly file: string | null;

  constructor(dataDir: string | null) {
    this.file = dataDir ? join(dataDir, 'openapi', 'outbox.json') : null;
    this.messages = this.file ? loadJsonFile<OutboxMessage[]>(this.file, []) : [];
  }

  add(message: OutboxMessage): void {
    this.messages.push(message);
    // Bounded so a long-running emulator with timers does not grow without limit.
    if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES);
    this.save();
  }

  /** Newest first, optionally only one recipient's. */
  list(touser?: string): OutboxMessage[] {
    const all = touser ? this.messages.filter((m) => m.touser === touser) : this.messages;
    return [...all].reverse();
  }

  clear(): number {
    const count = this.messages.length;
    this.messages = [];
    this.save();
    return count;
  }

  nextMsgId(): number {
    const last = this.messages.at(-1)?.msgid ?? 0;
    return Math.max(last + 1, 1_000_000_001);
  }

  private save(): void {
    if (this.file) saveJsonFile(this.file, this.messages);
  }
}
