// The case page's section for penalty notices per parent (issue 5). Placeholder while it is being built: renders nothing.
export async function CasePenaltyNoticesSection({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
