import { ROUTES } from '@/routes';

// h5 only: which page a person returns to after picking an identity on the emulator's picker
// (services/login-redirect.ts sends them there with the page as `next`).

/** A page route worth coming back to after signing in (a shared card's link, say). */
export const isReturnRoute = (route: string) => /^\/(pages|packages)\/[\w/-]+(\?.*)?$/.test(route) && !route.startsWith(ROUTES.login);

/** Where to go once an identity is picked: the page that was being opened, else home. */
export function routeAfterLogin(next: string): string {
  return isReturnRoute(next) ? next : ROUTES.home;
}
