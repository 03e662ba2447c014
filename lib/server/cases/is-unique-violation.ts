import "server-only";

/** Whether a Prisma error is a unique-constraint violation (P2002) on the given index. The partial unique
 * indexes (one open case per pupil, one new flag per pupil) are the database's last word on a race. */
export function isUniqueViolation(error: unknown, index: string): boolean {
  if (typeof error !== "object" || error === null || !("code" in error) || error.code !== "P2002") return false;
  const text = `${String((error as { message?: unknown }).message)} ${JSON.stringify((error as { meta?: unknown }).meta ?? {})}`;
  return text.includes(index);
}
