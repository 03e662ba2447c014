import Link from "next/link";
import { QUEUE_KEYS, QUEUE_LABELS, type QueueKey } from "@/lib/domain/case-queues";

/** The officer's and manager's home page summary: each work queue with its count, linking to it. */
export function HomeQueueCounts({ counts, isOfficer }: { counts: Record<QueueKey, number>; isOfficer: boolean }) {
  return (
    <>
      <h2 className="govuk-heading-m">Your work queues</h2>
      <ul className="govuk-list govuk-list--bullet">
        {QUEUE_KEYS.map((q) => (
          <li key={q}>
            <Link className="govuk-link" href={q === "my-cases" ? "/cases" : `/cases?queue=${q}`}>
              {q === "my-cases" && !isOfficer ? "Open cases" : QUEUE_LABELS[q]}
            </Link>
            : {counts[q]}
          </li>
        ))}
      </ul>
    </>
  );
}
