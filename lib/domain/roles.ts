export const ROLES = ["admin", "manager", "officer", "school", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  manager: "Manager",
  officer: "Education welfare officer",
  school: "School staff",
  auditor: "Data protection auditor",
};
