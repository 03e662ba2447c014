import "server-only";
import { cache } from "react";
import { db } from "../db";

export type CaseParent = {
  id: string;
  title: string | null;
  firstName: string;
  lastName: string;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  /** Named on the case now (case_party). */
  party: boolean;
  /** The link to the case's pupil (pupil_parent), or null when there is none. */
  relationship: string | null;
  parentalResponsibility: boolean | null;
};

type Row = {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  party: boolean;
  relationship: string | null;
  parental_responsibility: boolean | null;
};

/**
 * Every parent or carer a case's page names, in one read per request (React's cache(); outside a render it reads
 * each time): the case's parties now, and the parents its letters were sent to and its referrals were made against,
 * who need not be parties any more (a party removed after a letter keeps their name on it). Each with whether they
 * are a party now and their link to the case's pupil. The caller has checked the case is in the actor's scope;
 * every read here stays within that case and its authority.
 */
export const findCaseParents = cache(async (authorityId: string, caseId: string): Promise<Map<string, CaseParent>> => {
  const rows = await db.$queryRaw<Row[]>`
    SELECT p.id, p.title, p.first_name, p.last_name, p.address_line1, p.address_line2, p.town, p.postcode, p.phone,
           p.email, cp.parent_id IS NOT NULL AS party, pp.relationship, pp.parental_responsibility
    FROM parent p
    LEFT JOIN case_party cp ON cp.authority_id = p.authority_id AND cp.case_id = ${caseId}::uuid AND cp.parent_id = p.id
    LEFT JOIN pupil_parent pp ON pp.authority_id = p.authority_id AND pp.parent_id = p.id
      AND pp.pupil_id = (SELECT c.pupil_id FROM attendance_case c WHERE c.authority_id = ${authorityId}::uuid
                           AND c.id = ${caseId}::uuid)
    WHERE p.authority_id = ${authorityId}::uuid
      AND p.id IN (SELECT parent_id FROM case_party WHERE authority_id = ${authorityId}::uuid AND case_id = ${caseId}::uuid
                   UNION SELECT parent_id FROM case_letter WHERE authority_id = ${authorityId}::uuid AND case_id = ${caseId}::uuid
                   UNION SELECT parent_id FROM prosecution_referral
                         WHERE authority_id = ${authorityId}::uuid AND case_id = ${caseId}::uuid)
    ORDER BY p.created_at, p.id`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        firstName: r.first_name,
        lastName: r.last_name,
        addressLine1: r.address_line1,
        addressLine2: r.address_line2,
        town: r.town,
        postcode: r.postcode,
        phone: r.phone,
        email: r.email,
        party: r.party,
        relationship: r.relationship,
        parentalResponsibility: r.parental_responsibility,
      },
    ]),
  );
});
