import type { Role } from "@/lib/domain/roles";
import type { NavItem } from "@/components/govuk/primary-navigation";

/** The primary navigation for each role. Which pages a role may open is decided on the server; this only
 * chooses the links. */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "admin":
      return [
        { href: "/", text: "Home" },
        { href: "/admin/users", text: "Users" },
        { href: "/admin/schools", text: "Schools" },
        { href: "/admin/calendar", text: "Calendar" },
        { href: "/admin/comparisons", text: "Comparisons" },
        { href: "/admin/letters", text: "Letters" },
        { href: "/admin/courts", text: "Courts" },
        { href: "/admin/case-settings", text: "Case settings" },
      ];
    case "manager":
      return [
        { href: "/", text: "Home" },
        { href: "/cases", text: "Cases" },
        { href: "/flags", text: "Flags" },
        { href: "/referrals", text: "Prosecutions" },
        { href: "/hearings", text: "Hearings" },
        { href: "/statistics", text: "Statistics" },
        { href: "/sweeps", text: "Sweeps" },
        { href: "/pupils", text: "Pupils" },
        { href: "/attendance", text: "Attendance" },
        { href: "/attendance/at-risk", text: "At risk" },
        { href: "/attendance/import", text: "Import" },
        { href: "/subject-access", text: "Subject access" },
        { href: "/legal-holds", text: "Legal holds" },
      ];
    case "officer":
      return [
        { href: "/", text: "Home" },
        { href: "/cases", text: "Cases" },
        { href: "/flags", text: "Flags" },
        { href: "/sweeps", text: "Sweeps" },
        { href: "/pupils", text: "Pupils" },
        { href: "/attendance", text: "Attendance" },
        { href: "/attendance/at-risk", text: "At risk" },
        { href: "/attendance/import", text: "Import" },
      ];
    case "auditor":
      return [
        { href: "/", text: "Home" },
        { href: "/audit", text: "Audit log" },
        { href: "/subject-access", text: "Subject access" },
        { href: "/retention", text: "Retention" },
        { href: "/legal-holds", text: "Legal holds" },
      ];
    case "school":
      return [
        { href: "/", text: "Home" },
        { href: "/pupils", text: "Our pupils" },
        { href: "/pupils/at-risk", text: "Pupils at risk" },
        { href: "/school-flags", text: "Our flags" },
        { href: "/certificates", text: "Certificates" },
        { href: "/attendance/import", text: "Import register" },
      ];
  }
}
