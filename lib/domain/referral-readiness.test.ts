import { describe, expect, it } from "vitest";
import { DEFENCES } from "./referral-checklist";
import { evaluateReadiness, READINESS_ITEMS, type ReadinessInput, type ReadinessKey } from "./referral-readiness";

const MUM = "parent-mum";
const DAD = "parent-dad";

/** Everything met for MUM: a warning before the period, a home visit, an interview, a signed certificate, the
 * manager's ESO reasoning and all five defences. */
const ready = (): ReadinessInput => ({
  parentId: MUM,
  period: { start: "2026-09-14", end: "2026-12-04" },
  letters: [
    { id: "l-warning", parentId: MUM, kind: "warning", sentOn: "2026-09-14" },
    { id: "l-review", parentId: MUM, kind: "review", sentOn: "2026-10-19" },
  ],
  events: [
    { id: "e-visit", kind: "home_visit", occurredOn: "2026-09-21", parentIds: [], outcome: null },
    { id: "e-iuc", kind: "interview_under_caution", occurredOn: "2026-12-07", parentIds: [MUM], outcome: "held" },
  ],
  schools: [{ id: "school-1", name: "Skerne Park Primary School" }],
  certificates: [{ id: "c-1", schoolId: "school-1", signedOn: "2026-12-08", signedBy: "A Head" }],
  interviewRequired: true,
  registerCodes: ["/", "\\", "O", "N", "I", "I"],
  manager: {
    esoConsidered: true,
    esoReasoning: "An order would add nothing: the parents engage but do not follow through.",
    defencesConsidered: [...DEFENCES],
  },
});

const item = (input: ReadinessInput, key: ReadinessKey) => evaluateReadiness(input).items.find((i) => i.key === key)!;

describe("evaluateReadiness", () => {
  it("is ready when every item is met, each with the records it rests on", () => {
    const result = evaluateReadiness(ready());
    expect(result.ready).toBe(true);
    expect(result.items.map((i) => i.key)).toEqual([...READINESS_ITEMS]);
    expect(item(ready(), "letters").evidence.map((e) => e.id)).toEqual(["l-warning", "l-review"]);
    expect(item(ready(), "letters").message).toBe(
      "2 letters: Warning letter (14 September 2026), Review letter (19 October 2026)",
    );
    expect(item(ready(), "warning").evidence.map((e) => e.id)).toEqual(["l-warning"]);
    expect(item(ready(), "support").evidence.map((e) => e.id)).toEqual(["e-visit"]);
    expect(item(ready(), "interview").evidence).toEqual([
      { kind: "event", id: "e-iuc", date: "2026-12-07", label: "Interview under caution: held" },
    ]);
    expect(item(ready(), "certificate").evidence.map((e) => e.id)).toEqual(["c-1"]);
  });

  it("letters: unmet with no letter to this parent (a letter to the other parent does not count)", () => {
    const input = { ...ready(), letters: [{ id: "l-dad", parentId: DAD, kind: "warning", sentOn: "2026-09-14" }] };
    expect(item(input, "letters")).toMatchObject({ met: false, message: "No letter to this parent is on the case" });
    expect(evaluateReadiness(input).ready).toBe(false);
  });

  it("warning: unmet when the only warning to this parent is dated after the start of the period", () => {
    const input = {
      ...ready(),
      letters: [
        { id: "l-late", parentId: MUM, kind: "final_warning", sentOn: "2026-09-15" },
        { id: "l-invite", parentId: MUM, kind: "meeting_invitation", sentOn: "2026-09-01" },
      ],
    };
    expect(item(input, "warning")).toMatchObject({
      met: false,
      message:
        "No warning or final warning letter to this parent is dated on or before the start of the period (14 September 2026)",
    });
    expect(item(input, "letters").met).toBe(true);
  });

  it("support: unmet without a meeting, visit, call, contract or support event by the end of the period", () => {
    const input = {
      ...ready(),
      events: [
        ...ready().events.filter((e) => e.kind !== "home_visit"),
        { id: "e-note", kind: "note", occurredOn: "2026-09-21", parentIds: [], outcome: null },
        { id: "e-late", kind: "meeting", occurredOn: "2026-12-05", parentIds: [], outcome: null },
      ],
    };
    expect(item(input, "support").met).toBe(false);
    const met = {
      ...input,
      events: [
        ...input.events,
        { id: "e-s", kind: "support_offered", occurredOn: "2026-12-04", parentIds: [], outcome: null },
      ],
    };
    expect(item(met, "support")).toMatchObject({ met: true, message: "Support offered (4 December 2026)" });
  });

  it("interview: unmet without one for this parent; refused or no response count; an authority may switch it off", () => {
    const other = {
      ...ready(),
      events: ready().events.map((e) => ({ ...e, parentIds: e.parentIds.length ? [DAD] : [] })),
    };
    expect(item(other, "interview")).toMatchObject({ met: false, evidence: [] });
    for (const outcome of ["refused", "no_response"]) {
      const input = { ...ready(), events: ready().events.map((e) => (e.id === "e-iuc" ? { ...e, outcome } : e)) };
      expect(item(input, "interview").met).toBe(true);
    }
    expect(item({ ...other, interviewRequired: false }, "interview")).toMatchObject({
      met: true,
      message: "Not required: this authority has switched the interview under caution off under Case settings",
    });
  });

  it("certificate: unmet until every school relied on has a signed certificate", () => {
    expect(item({ ...ready(), certificates: [] }, "certificate")).toMatchObject({
      met: false,
      message:
        "The head teacher's signed attendance certificate for the period (section 566) has not been recorded for Skerne Park Primary School",
    });
    const two = { ...ready(), schools: [...ready().schools, { id: "school-2", name: "Harrowgate Hill School" }] };
    expect(item(two, "certificate").met).toBe(false);
    expect(item({ ...ready(), schools: [] }, "certificate").met).toBe(false);
  });

  it("ESO and defences: the manager's own items, unmet until given; register codes point to defences", () => {
    const none = { ...ready(), manager: null };
    expect(item(none, "eso").met).toBe(false);
    expect(item(none, "defences")).toMatchObject({ met: false });
    expect(item(none, "defences").notes).toEqual([
      "The register shows 2 sessions coded I (illness or medical appointments): consider sickness or unavoidable cause (section 444(2A))",
    ]);
    const noReasoning = { ...ready(), manager: { ...ready().manager!, esoReasoning: "  " } };
    expect(item(noReasoning, "eso")).toMatchObject({
      met: false,
      message: "Give the reasoning for the decision on an Education Supervision Order",
    });
    const four = { ...ready(), manager: { ...ready().manager!, defencesConsidered: DEFENCES.slice(0, 4) } };
    expect(item(four, "defences")).toMatchObject({
      met: false,
      message: "Not yet considered: traveller (section 444(6))",
    });
  });
});
