/** What a failed worker call says, for a notice: its message, or the thrown value itself. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
