import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { letterKindSlug } from "@/lib/domain/letters";
import { requirePermission } from "@/lib/server/auth";
import { findLetterTemplates } from "@/lib/server/letters/find-letter-templates";

export const metadata = { title: "Letter templates" };

const dateTime = (d: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" }).format(d);

export default async function LetterTemplatesPage() {
  const actor = await requirePermission("letter_template.manage");
  const templates = await findLetterTemplates(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Letter templates</h1>
        <p className="govuk-body">
          Officers produce these letters for each parent or carer on a case. Until you write your own text, a letter uses the built-in
          template.
        </p>
        <table className="govuk-table">
          <caption className="govuk-visually-hidden">Letter templates</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Letter</th>
              <th scope="col" className="govuk-table__header">Text</th>
              <th scope="col" className="govuk-table__header">Last changed</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {templates.map((t) => (
              <tr className="govuk-table__row" key={t.kind}>
                <td className="govuk-table__cell"><Link className="govuk-link" href={`/admin/letters/${letterKindSlug(t.kind)}`}>{t.label}</Link></td>
                <td className="govuk-table__cell">{t.customised ? <Tag colour="blue">Customised</Tag> : <Tag colour="grey">Built-in</Tag>}</td>
                <td className="govuk-table__cell">{t.updatedAt ? `${dateTime(t.updatedAt)} by ${t.updatedBy}` : "Not changed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
