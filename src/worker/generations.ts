/**
 * The worker's side of the tickets: the newest generation seen per kind of request. Work whose
 * generation a newer request of its kind (or a cancel) replaced is stale and stops at its next slice.
 */
import type { RequestKind } from '../protocol/ticket';

export class Generations {
  private readonly newest = new Map<RequestKind, number>();
  private readonly cancelledUpTo = new Map<RequestKind, number>();

  /** Records a request's arrival; an older generation arriving late changes nothing. */
  begin(kind: RequestKind, generation: number): void {
    if (generation > (this.newest.get(kind) ?? 0)) this.newest.set(kind, generation);
  }

  isStale(kind: RequestKind, generation: number): boolean {
    return generation < (this.newest.get(kind) ?? 0) || generation <= (this.cancelledUpTo.get(kind) ?? 0);
  }

  /** Every request of `kind` received so far is cancelled; later ones run. */
  cancel(kind: RequestKind): void {
    this.cancelledUpTo.set(kind, this.newest.get(kind) ?? 0);
  }
}
