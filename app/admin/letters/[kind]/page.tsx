import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/govuk/fields";
import { KIND_FIELDS } from "@/lib/domain/letter-facts";
import { LETTER_KIND_LABELS, MERGE_FIELDS, letterKindFromSlug, letterKindSlug } from "@/lib/domain/letters";
import { requirePermission } from "@/lib/server/auth";
import { getLetterTemplate } from "@/lib/server/letters/get-letter-template";
import { resetLetterTemplateAction } from "../actions";
import { TemplateForm } from "./template-form";

export const metadata = { title: "Edit a letter template" };

export default async function LetterTemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<{ reset?: string }>;
}) {
  const actor = await requirePermission("letter_template.manage");
  const kind = letterKindFromSlug((await params).kind);
  if (!kind) notFound();
  const template = await getLetterTemplate(actor, kind);
  const reset = (await searchParams).reset === "1";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href="/admin/letters">
          Back to letter templates
        </Link>
        <span className="govuk-caption-l">Letter template</span>
        <h1 className="govuk-heading-l">{LETTER_KIND_LABELS[kind]}</h1>
        {reset && (
          <p className="govuk-inset-text" role="status">
            This letter uses the built-in text again.
          </p>
        )}
        <p className="govuk-body">
          {template.customised ? "Your council's own text." : "The built-in text: save it to make it your own."}{" "}
          <Link className="govuk-link" href={`/admin/letters/${letterKindSlug(kind)}/preview.pdf`} target="_blank">
            View a sample PDF (opens in a new tab)
          </Link>
        </p>
        <TemplateForm
          kind={kind}
          subject={template.subject}
          body={template.body}
          figuresWeeks={template.figuresWeeks}
        />
        {template.customised && (
          <form action={resetLetterTemplateAction}>
            <input type="hidden" name="kind" value={kind} />
            <Button warning>Go back to the built-in text</Button>
          </form>
        )}
      </div>
      <div className="govuk-grid-column-one-third">
        <h2 className="govuk-heading-s">Merge fields</h2>
        <p className="govuk-body-s">
          Copy a field into the text; each letter fills it in for the parent or carer it is to. These are the fields
          this kind of letter can know.
        </p>
        <ul className="govuk-list">
          {MERGE_FIELDS.filter((f) => KIND_FIELDS[kind].includes(f.key)).map((f) => (
            <li key={f.key} className="govuk-!-margin-bottom-3">
              <code className="govuk-!-font-weight-bold">{`{{${f.key}}}`}</code>
              <br />
              <span className="govuk-body-s">{f.description}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
