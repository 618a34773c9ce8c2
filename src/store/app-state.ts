import type { CartSlice } from './cart.slice';
import type { CatalogSlice } from './catalog.slice';
import type { LoginSlice } from './login.slice';
import type { PointsSlice } from './points.slice';
import type { SessionSlice } from './session.slice';
import type { SharesSlice } from './shares.slice';

/** The one combined store's state as the main package knows it: the union of its slices. */
export type AppState = SessionSlice & LoginSlice & PointsSlice & CatalogSlice & CartSlice & SharesSlice;
