/**
 * Calls `run` in a task of its own, once however many requests come before it: a chart's
 * alignment and redraw, or a 3-D frame (view3d/ownTaskFrame.ts), then never add to the task that
 * committed the new series (React's passive effects, where every view of the explorer reacts to a
 * run's end at once), nor to another view's. A MessageChannel message, unlike a nested
 * setTimeout(0), is not clamped to 4 ms.
 */
export class OwnTask {
  private channel: MessageChannel | null = null;
  private pending = false;

  constructor(private readonly run: () => void) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    if (this.channel === null) {
      this.channel = new MessageChannel();
      this.channel.port1.onmessage = () => {
        if (!this.pending) return;
        this.pending = false;
        this.run();
      };
    }
    this.channel.port2.postMessage(null);
  }

  /** Drops a pending call and the channel (the chart is gone); a later request opens another. */
  close(): void {
    this.pending = false;
    this.channel?.port1.close();
    this.channel = null;
  }
}
