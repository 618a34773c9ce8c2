import { useEffect } from 'react';
import { useAppStore } from '@/store';
import { usePageShow } from '@/hooks/use-page-show';

/**
 * The member centre's data, loaded with ONE call (member.centre): profile, points, ladder standing
 * and coupon count. It also opens the session when this is the first page, so the page never sends
 * member.open besides. Loaded on first show and again after the session was forgotten, and
 * refreshed each time the tab is shown again: a payment or a refund elsewhere changes the tier,
 * the points and the coupons this page shows.
 */
export function useMemberCentre() {
  const sessionStatus = useAppStore.use.sessionStatus();
  const profile = useAppStore.use.profile();
  const sessionError = useAppStore.use.sessionError();
  const centreStatus = useAppStore.use.memberCentreStatus();
  const centreError = useAppStore.use.memberCentreError();
  const load = useAppStore((state) => state.loadMemberCentre);

  useEffect(() => {
    if (centreStatus === 'idle') void load();
  }, [centreStatus, load]);

  // The first show is the effect's; a later one (back from a purchase) refreshes in place.
  usePageShow(() => {
    if (useAppStore.getState().memberCentreStatus === 'ready') void useAppStore.getState().loadMemberCentre();
  });

  // The page itself shows once a profile is there; until then, the centre's own state.
  const status = sessionStatus === 'ready' && profile ? 'ready' : centreStatus === 'error' || sessionStatus === 'error' ? 'error' : 'loading';
  return { status, profile, error: centreError ?? sessionError, retry: load } as const;
}
