"use client";
import { useEffect } from "react";

/** Turns on GOV.UK Frontend's JavaScript enhancements once the page has hydrated. */
export function FrontendInit() {
  useEffect(() => {
    document.body.classList.add("js-enabled", "govuk-frontend-supported");
    void import("govuk-frontend").then(({ initAll }) => initAll());
  }, []);
  return null;
}
