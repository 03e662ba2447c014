import type { Role } from "@/lib/domain/roles";
import type { NavItem } from "@/components/govuk/primary-navigation";

/** The primary navigation for each role. Which pages a role may open is decided on the server; this only
 * chooses the links. */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "admin":
      return [{ href: "/", text: "Home" }, { href: "/admin/users", text: "Users" }, { href: "/admin/schools", text: "Schools" }];
    case "manager":
      return [{ href: "/", text: "Home" }, { href: "/pupils", text: "Pupils" }];
    case "officer":
      return [{ href: "/", text: "Home" }, { href: "/pupils", text: "Pupils" }];
    case "school":
      return [{ href: "/", text: "Home" }, { href: "/pupils", text: "Our pupils" }];
  }
}
