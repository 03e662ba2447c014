/** A letter's merged text as HTML, laid out as the PDF lays it out (subject in bold after the greeting), with
 * print styles so it can be printed from the browser too. */
export function LetterPreview({ subject, body }: { subject: string; body: string }) {
  const paragraphs = body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== "");
  const greeting = paragraphs.findIndex((p) => /^dear\b/i.test(p.trim()));
  const at = greeting >= 0 ? greeting + 1 : 0;
  const para = (text: string, i: number) => (
    <p className="govuk-body" style={{ whiteSpace: "pre-line" }} key={i}>
      {text}
    </p>
  );
  return (
    <div className="govuk-inset-text app-letter" data-testid="letter-preview">
      {paragraphs.slice(0, at).map(para)}
      <p className="govuk-body govuk-!-font-weight-bold">{subject}</p>
      {paragraphs.slice(at).map((p, i) => para(p, i + at))}
    </div>
  );
}
