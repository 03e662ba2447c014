// The audit chain's head is found through its index whatever the statistics say (migration
// 20261206140100_audit_chain_head_by_index, set again by 20261206235914 after the retention migration re-created
// the function and dropped it): with statistics taken while audit_log looked empty, a cached plan
// would otherwise scan the whole log for every appended row.
import { describe, expect, it } from "vitest";
import { rawPool } from "@/tests/db";

describe("the audit chain's head lookup", () => {
  it("runs with sequential scans off inside the trigger function", async () => {
    const { rows } = await rawPool.query<{ config: string[] | null }>(
      "SELECT proconfig AS config FROM pg_proc WHERE proname = 'audit_log_append'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.config).toContain("enable_seqscan=off");
  });
});
