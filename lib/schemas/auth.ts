import { z } from "zod";
import { LOCKOUT_MINUTES } from "@/lib/domain/sign-in-lockout";
import { email } from "./common";

// Sign-in failures get the same message whether or not the address has an account.
export const INVALID_SIGN_IN_MESSAGE = "Enter a correct email address and password";
export const LOCKED_MESSAGE = `This account is locked for ${LOCKOUT_MINUTES} minutes because of too many failed sign-in attempts. Try again later.`;
export const ADDRESS_LOCKED_MESSAGE = `There have been too many failed sign-in attempts from your network. Try again in ${LOCKOUT_MINUTES} minutes.`;

export const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(256),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const PASSWORD_MIN_LENGTH = 12;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Your new password must be at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(256, "Your new password must be 256 characters or fewer"),
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Your new password must be different from your current password",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Re-entering your own password (and authenticator code, once enrolled) before a sensitive action: creating a
 * user, resetting one, or creating an API token. Checked on the server by confirmIdentity. */
export const reauthenticationSchema = z.object({
  yourPassword: z
    .string({ error: "Enter your password to confirm it is you" })
    .min(1, "Enter your password to confirm it is you")
    .max(256),
  yourCode: z.string().trim().max(40).optional(),
});
export type ReauthenticationInput = z.infer<typeof reauthenticationSchema>;

/** A form's schema with the re-authentication fields added. */
export const withReauthentication = <S extends z.ZodType>(schema: S) => z.intersection(schema, reauthenticationSchema);

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export const secondFactorCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app" })
    .trim()
    .min(1, "Enter the 6-digit code from your authenticator app")
    .max(40, "Enter the 6-digit code from your authenticator app, or a recovery code"),
});
export const INVALID_CODE_MESSAGE = "Enter a correct code from your authenticator app, or an unused recovery code";
export const CODE_LOCKED_MESSAGE = `Too many wrong codes: try again in ${LOCKOUT_MINUTES} minutes.`;
