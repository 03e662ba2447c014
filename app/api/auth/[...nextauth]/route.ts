import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth-options";

// next-auth's endpoints; the app uses GET /api/auth/session (session renewal) and /api/auth/csrf.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(request, context);

export { handler as GET, handler as POST };
