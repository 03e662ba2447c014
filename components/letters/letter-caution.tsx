import { WarningText } from "@/components/govuk/warning-text";

/** The GOV.UK warning text above a previewed letter whose own figures do not justify it (warningCaution). */
export function LetterCaution({ caution }: { caution: string | null | undefined }) {
  if (!caution) return null;
  return <WarningText testId="letter-caution">{caution}</WarningText>;
}
