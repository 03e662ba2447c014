// The case page's section for the letters produced for each parent (issue 4). Placeholder while it is being built: renders nothing.
export async function CaseLettersSection({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
