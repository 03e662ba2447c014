import { TableScroll } from "@/components/govuk/table-scroll";
import { requirePermission } from "@/lib/server/auth";
import { academicYearLabel, COMPARISON_KIND_LABELS } from "@/lib/schemas/comparison";
import { findComparisonFigures } from "@/lib/server/comparisons/find-comparison-figures";
import { deleteComparisonFigureAction } from "./actions";
import { AddComparisonForm } from "./add-comparison-form";

export const metadata = { title: "Comparison figures" };

export default async function ComparisonsPage() {
  const actor = await requirePermission("reference_data.manage");
  const figures = await findComparisonFigures(actor);
  return (
    <>
      <h1 className="govuk-heading-l">Comparison figures</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Published unauthorised absence rates for {actor.authorityName}&apos;s attendance pages to compare against.
            The national figure for an academic year is shown on each pupil&apos;s attendance page and on the attendance
            by school report for that year.
          </p>
        </div>
      </div>
      {figures.length === 0 ? (
        <p className="govuk-body">No comparison figures have been added.</p>
      ) : (
        <TableScroll label="Comparison figures">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Figures by academic year</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Academic year
                </th>
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header">
                  Label
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Unauthorised absence
                </th>
                <th scope="col" className="govuk-table__header">
                  Source
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {figures.map((f) => (
                <tr className="govuk-table__row" key={f.id}>
                  <td className="govuk-table__cell">{academicYearLabel(f.academicYear)}</td>
                  <td className="govuk-table__cell">{COMPARISON_KIND_LABELS[f.kind]}</td>
                  <td className="govuk-table__cell">{f.label}</td>
                  {/* As published: up to 2 decimal places, not rounded. */}
                  <td className="govuk-table__cell govuk-table__cell--numeric">{f.unauthorisedRate.toFixed(2)}%</td>
                  <td className="govuk-table__cell govuk-body-s">{f.source}</td>
                  <td className="govuk-table__cell">
                    <form action={deleteComparisonFigureAction}>
                      <input type="hidden" name="figureId" value={f.id} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                        Delete
                        <span className="govuk-visually-hidden">
                          {" "}
                          {COMPARISON_KIND_LABELS[f.kind].toLowerCase()} figure {f.label},{" "}
                          {academicYearLabel(f.academicYear)}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <AddComparisonForm />
        </div>
      </div>
    </>
  );
}
