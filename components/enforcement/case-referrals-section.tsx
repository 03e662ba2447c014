// The case page's section for the prosecution referrals, hearings and outcomes per parent (issue 5). Placeholder while it is being built: renders nothing.
export async function CaseReferralsSection({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
