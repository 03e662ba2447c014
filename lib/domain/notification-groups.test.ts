import { describe, expect, it } from "vitest";
import { groupNotificationsByCase } from "./notification-groups";

const n = (id: string, caseId: string | null, at: string, read = false) => ({
  id,
  caseId,
  createdAt: new Date(at),
  readAt: read ? new Date(at) : null,
});

describe("groupNotificationsByCase", () => {
  it("groups by case, newest group first, newest first within a group, with the unread count; no case last", () => {
    const groups = groupNotificationsByCase([
      n("a1", "A", "2026-11-18T09:00:00Z", true),
      n("b1", "B", "2026-11-19T09:00:00Z"),
      n("x1", null, "2026-11-20T10:00:00Z"),
      n("a2", "A", "2026-11-20T09:00:00Z"),
    ]);
    expect(groups.map((g) => [g.caseId, g.items.map((i) => i.id), g.unread])).toEqual([
      ["A", ["a2", "a1"], 1],
      ["B", ["b1"], 1],
      [null, ["x1"], 1],
    ]);
  });

  it("gives nothing for nothing", () => {
    expect(groupNotificationsByCase([])).toEqual([]);
  });
});
