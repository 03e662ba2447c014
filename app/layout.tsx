import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.scss";
import { FrontendInit } from "@/components/govuk/frontend-init";
import { Header } from "@/components/govuk/header";
import { PrimaryNavigation } from "@/components/govuk/primary-navigation";
import { navigationFor } from "@/components/layout/navigation";
import { SessionTimeout } from "@/components/layout/session-timeout";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { IDLE_TIMEOUT_MINUTES } from "@/lib/domain/sign-in-lockout";
import { getActor } from "@/lib/server/auth";
import { countUnreadNotifications } from "@/lib/server/decisions/find-notifications";
import { signOutAction, timeOutAction } from "./sign-out/actions";

export const metadata: Metadata = { title: { template: "%s – Fast Track", default: "Fast Track" } };
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  // Officers and managers are told of the daily job's decisions, administrators and auditors of a broken audit
  // chain, school staff of their flags and the cases they opened; the header shows how many are unread.
  const unreadNotifications = actor && !actor.mustChangePassword ? await countUnreadNotifications(actor) : undefined;
  // proxy.ts sets a fresh nonce per request (ADR 024). The one inline script, before any bundle: zod otherwise
  // probes with `new Function` whether it may compile its parsers, which the policy refuses and reports.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }} />
      </head>
      <body className="govuk-template__body" suppressHydrationWarning>
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <Header
          user={
            actor
              ? {
                  name: actor.name,
                  roleLabel: [ROLE_LABELS[actor.role], actor.schoolName].filter(Boolean).join(", "),
                  organisation: actor.authorityName,
                  unreadNotifications,
                }
              : null
          }
          signOut={signOutAction}
        />
        {actor && !actor.mustChangePassword && (
          <PrimaryNavigation items={navigationFor(actor.role)} label={`${ROLE_LABELS[actor.role]} navigation`} />
        )}
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer className="govuk-footer app-no-print">
          <div className="govuk-width-container">
            <p className="govuk-footer__meta-custom govuk-body-s">
              Fast Track: attendance casework for local authorities. Records here are about children and their families;
              every view is logged.
            </p>
          </div>
        </footer>
        {actor && <SessionTimeout idleMinutes={IDLE_TIMEOUT_MINUTES} onTimeout={timeOutAction} />}
        <FrontendInit />
      </body>
    </html>
  );
}
