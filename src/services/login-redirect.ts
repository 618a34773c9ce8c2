import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import { isReturnRoute } from '@/utils/login-route';

// h5 only: sending a person without a session to the emulator's identity picker.

let redirecting = false;

// The h5 build uses the hash router, so the current route is always in location.hash.
const isOnLoginPage = () => typeof window !== 'undefined' && window.location.hash.includes(ROUTES.login);

/** Pages anyone may open on h5 without an identity (they read public data only). */
const PUBLIC_ROUTES: readonly string[] = [ROUTES.drawVerify];
const isPublicRoute = (route: string) => PUBLIC_ROUTES.includes(route.split('?')[0]);

/**
 * At app start, before Taro's router reads the URL: makes the identity picker the first page.
 * (A reLaunch from the first page's lifecycle races the router still mounting that page, and can
 * leave the first page covering the picker.) The page that was being opened — a friend's card
 * opened in a fresh browser — rides along as `next`, so picking an identity lands on it.
 */
export function startOnLoginPage(): void {
  if (typeof window === 'undefined' || isOnLoginPage()) return;
  const opening = window.location.hash.replace(/^#/, '');
  // A draw's published proof is for anyone to audit: it opens without picking an identity.
  if (isPublicRoute(opening)) return;
  window.location.replace(`#${ROUTES.login}${isReturnRoute(opening) ? `?next=${encodeURIComponent(opening)}` : ''}`);
}

/** Goes to the identity picker once, however many calls noticed the missing session. */
export function redirectToLogin(): void {
  if (redirecting || isOnLoginPage()) return;
  redirecting = true;
  Promise.resolve(Taro.reLaunch({ url: ROUTES.login }))
    .catch(() => undefined)
    .finally(() => {
      redirecting = false;
    });
}
