// The case page's section for the daily job's decision and the frozen evidence (issue 5). Placeholder while it is being built: renders nothing.
export async function CaseDecisionSection({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
