import type { AdminSlice } from './admin.slice';
import type { CartSlice } from './cart.slice';
import type { CatalogSlice } from './catalog.slice';
import type { LoginSlice } from './login.slice';
import type { PointsSlice } from './points.slice';
import type { SessionSlice } from './session.slice';
import type { SharesSlice } from './shares.slice';

/** The one combined store's state: the union of every slice. */
export type AppState = SessionSlice & LoginSlice & AdminSlice & PointsSlice & CatalogSlice & CartSlice & SharesSlice;
