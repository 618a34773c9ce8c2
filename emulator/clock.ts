/**
 * The emulator's clock. Real time shifted by an offset that tests set or advance through the
 * control endpoint; time keeps flowing after a change, as it does in the cloud.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  offset(): number {
    return this.offsetMs;
  }

  set(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
    this.emit();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
    this.emit();
  }

  reset(): void {
    this.offsetMs = 0;
    this.emit();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
