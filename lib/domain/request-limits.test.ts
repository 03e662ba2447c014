import { describe, expect, it } from "vitest";
import {
  FORM_BODY_LIMIT_BYTES,
  formBodyLimitBytes,
  formBodyRefusal,
  megabytes,
  REGISTER_FORM_LIMIT_BYTES,
  uploadRefusal,
} from "./request-limits";

describe("request body limits", () => {
  it("keep sign-in and forms to 1 MB, and the no-JavaScript register upload to 10 MB", () => {
    expect(formBodyLimitBytes("/sign-in")).toBe(FORM_BODY_LIMIT_BYTES);
    expect(formBodyLimitBytes("/admin/users/new")).toBe(1024 * 1024);
    expect(formBodyLimitBytes("/attendance/import")).toBe(REGISTER_FORM_LIMIT_BYTES);
    expect(formBodyLimitBytes("/attendance/import/other")).toBe(FORM_BODY_LIMIT_BYTES);
  });

  it("say the limit in plain words", () => {
    expect(formBodyRefusal("/sign-in")).toContain("more than 1 MB");
    expect(formBodyRefusal("/attendance/import")).toContain("at most 10 MB");
    expect(uploadRefusal(200 * 1024 * 1024)).toContain("larger than the 200 MB");
    expect(megabytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
  });
});
