import { useEffect, useState } from 'react';
import { routeParam } from '@/routes';
import { selectShareVisit, useAppStore, type VisitEntry } from '@/store';

/**
 * The share code a page was opened with: `s` from a chat or timeline card, else `scene` from a
 * poster's mini-program code (WeChat hands it over URI-encoded; routeParam decodes it).
 */
export function shareCodeOfRoute(): string {
  return (routeParam('s') || routeParam('scene')).trim();
}

export interface ShareLanding {
  /** '' when the page was not opened from a card. */
  code: string;
  /** The server's answer about the code (null until there is one). */
  visit: VisitEntry | null;
}

/**
 * For a page a shared card or a poster can open (product, invite): reports the visit once the
 * session is open — the visitor may have opened the app cold from the card, and member.open is
 * what makes them a follower — once per code per app run. The page renders meanwhile and never
 * waits for it, except a poster landing that needs `visit.share` to know its target.
 */
export function useShareVisit(): ShareLanding {
  const [code] = useState(shareCodeOfRoute);
  const sessionStatus = useAppStore.use.sessionStatus();
  const bootstrap = useAppStore((state) => state.bootstrap);
  const visitShare = useAppStore((state) => state.visitShare);
  const visit = useAppStore(selectShareVisit(code));

  useEffect(() => {
    if (!code) return;
    if (sessionStatus === 'idle') void bootstrap();
    else if (sessionStatus === 'ready') void visitShare(code);
  }, [code, sessionStatus, bootstrap, visitShare]);

  return { code, visit };
}
