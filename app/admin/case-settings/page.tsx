import { DEFAULT_WINDOW_SETTINGS, WINDOW_MILESTONE_KEYS, type WindowSettings } from "@/lib/domain/fast-track-window";
import { requirePermission } from "@/lib/server/auth";
import { getReferralSettings } from "@/lib/server/cases/get-referral-settings";
import { getWindowSettings } from "@/lib/server/cases/get-window-settings";
import { ReferralSettingsForm } from "./referral-settings-form";
import { WindowSettingsForm } from "./window-settings-form";

export const metadata = { title: "Fast Track window settings" };

/** Every milestone kind appears once in the form, in the default order, so that one removed earlier can return. */
function withEveryMilestone(settings: WindowSettings): WindowSettings {
  return {
    lengthWeeks: settings.lengthWeeks,
    milestones: WINDOW_MILESTONE_KEYS.map(
      (key) =>
        settings.milestones.find((m) => m.key === key) ??
        DEFAULT_WINDOW_SETTINGS.milestones.find((m) => m.key === key)!,
    ),
  };
}

export default async function CaseSettingsPage() {
  const actor = await requirePermission("case.settings");
  const settings = withEveryMilestone(await getWindowSettings(actor));
  const referral = await getReferralSettings(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{actor.authorityName}</span>
        <h1 className="govuk-heading-l">Fast Track window settings</h1>
        <p className="govuk-body">
          How long a family&apos;s improvement window runs, in school weeks on the term calendar, and when its
          milestones fall due. Cases already in a window keep the dates they were planned with.
        </p>
        <WindowSettingsForm settings={settings} />
        <h2 className="govuk-heading-m govuk-!-margin-top-8">Referral rules</h2>
        <p className="govuk-body">
          When a window misses its target, the daily check refers each parent for prosecution only on grounds the
          register proves: unauthorised absence of a child of compulsory school age, and at least this minimum.
        </p>
        <ReferralSettingsForm settings={referral} />
      </div>
    </div>
  );
}
