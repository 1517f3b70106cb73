/**
 * "Once, a while after the last change": a write that many changes in a row share (the link in the
 * address bar). `schedule` (re)starts the wait; `flush` writes a pending change at once, for a reader
 * that needs the latest (a shared link, an export, the page being left). The write reads the newest
 * state when it runs, so the changes folded into it lose nothing.
 */
export class TrailingWrite {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly write: () => void,
    private readonly delayMs: number,
  ) {}

  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.write();
  }
}
