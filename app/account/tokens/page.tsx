import { ApiTokenTable } from "@/components/account/api-token-table";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/lib/domain/api-tokens";
import { now } from "@/lib/env";
import { findOwnApiTokens } from "@/lib/server/api-tokens/find-own-api-tokens";
import { requirePermission } from "@/lib/server/auth";
import { confirmationNeedsCode } from "@/lib/server/second-factor/second-factor-step";
import { revokeOwnApiTokenAction } from "./actions";
import { CreateApiTokenForm } from "./create-api-token-form";

export const metadata = { title: "Your API tokens" };

export default async function ApiTokensPage() {
  const actor = await requirePermission("api_token.own");
  const tokens = await findOwnApiTokens(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Your API tokens</h1>
        <p className="govuk-body">
          A token lets a program (for example your school&apos;s management information system) use the Fast Track API
          as you, with your permissions, or only to read if you choose. Each token lasts {TOKEN_DEFAULT_DAYS} days
          unless you choose otherwise (at most {TOKEN_MAX_DAYS}). It stops working when it expires, when you revoke it,
          or when your password changes.
        </p>
        {tokens.length > 0 ? (
          <ApiTokenTable tokens={tokens} now={now()} revoke={revokeOwnApiTokenAction} />
        ) : (
          <p className="govuk-body">You have no API tokens.</p>
        )}
        <CreateApiTokenForm withCode={await confirmationNeedsCode(actor.id)} />
      </div>
    </div>
  );
}
