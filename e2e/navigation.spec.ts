// Each role sees its own primary navigation, and not another role's links.
import { expect, test } from "@playwright/test";
import { authFile, type SavedUser } from "./support";

const ROLES: { user: SavedUser; label: string; links: string[]; absent: string[] }[] = [
  {
    user: "darlington-admin",
    label: "Administrator navigation",
    links: ["Home", "Users", "Schools", "Calendar", "Comparisons", "Letters", "Courts", "Case settings"],
    absent: ["Pupils", "Our pupils", "Attendance", "Import"],
  },
  {
    user: "darlington-manager",
    label: "Manager navigation",
    links: [
      "Home",
      "Cases",
      "Flags",
      "Prosecutions",
      "Hearings",
      "Statistics",
      "Sweeps",
      "Pupils",
      "Attendance",
      "At risk",
      "Import",
      "Subject access",
      "Legal holds",
    ],
    absent: ["Users", "Schools", "Our pupils", "Calendar", "Retention"],
  },
  {
    user: "darlington-officer",
    label: "Education welfare officer navigation",
    links: ["Home", "Cases", "Flags", "Sweeps", "Pupils", "Attendance", "At risk", "Import"],
    absent: [
      "Users",
      "Schools",
      "Our pupils",
      "Calendar",
      "Prosecutions",
      "Hearings",
      "Statistics",
      "Legal holds",
      "Retention",
    ],
  },
  {
    user: "darlington-school-984101",
    label: "School staff navigation",
    links: ["Home", "Our pupils", "Pupils at risk", "Our flags", "Certificates", "Import register"],
    absent: [
      "Users",
      "Schools",
      "Pupils",
      "Attendance",
      "At risk",
      "Cases",
      "Flags",
      "Prosecutions",
      "Sweeps",
      "Statistics",
    ],
  },
];

for (const role of ROLES) {
  test.describe(role.user, () => {
    test.use({ storageState: authFile(role.user) });

    test(`shows ${role.links.join(", ")} in the primary navigation`, async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: role.label, exact: true });
      await expect(nav.getByRole("link")).toHaveText(role.links);
      await expect(nav.getByRole("link", { name: "Home", exact: true })).toHaveAttribute("aria-current", "page");
      for (const name of role.absent) {
        await expect(page.getByRole("navigation").getByRole("link", { name, exact: true })).toHaveCount(0);
      }
    });
  });
}
