import { action } from '@core/platform/router';
import { catalog, catalogInput, product, productInput } from '@core/catalog/catalog.usecases';

/** The shop as customers see it. Prices come from the server at the caller's tier; inputs are strict. */
export const shopActions = {
  catalog: action(catalogInput, (ctx) => catalog(ctx)),
  product: action(productInput, (ctx, input) => product(ctx, input)),
};
