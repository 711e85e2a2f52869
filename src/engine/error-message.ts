/** What went wrong, in words a person can read: an Error's message, or whatever was thrown as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
