import { PartnerCenterError, type PartnerCenterClient } from "./client";
import type { PcSku } from "./resources";

// The product catalog, read by the sync and by an order written through: both record a new commerce offer's maximum
// seats from the same SKU, so a sync after an order finds the row as the order wrote it.

/** Catalog SKUs read per client (one sync run or one refresher): "productId:skuId:country" → maximumQuantity. */
const skuCache = new WeakMap<PartnerCenterClient, Map<string, Promise<number | null>>>();

/**
 * The most seats of a new commerce offer, from the catalog SKU its offer id names ("productId:skuId[:availabilityId]"):
 * Get a SKU by ID (https://learn.microsoft.com/partner-center/developer/get-a-sku-by-id), whose Sku resource
 * documents maximumQuantity (product-resources). Null when the catalog does not have it (404) or gives no maximum.
 */
export function skuMaximumQuantity(
  client: PartnerCenterClient,
  offerId: string,
  country: string,
): Promise<number | null> {
  const [productId, skuId] = offerId.split(":");
  if (!productId || !skuId) return Promise.resolve(null);
  const cache = skuCache.get(client) ?? new Map<string, Promise<number | null>>();
  skuCache.set(client, cache);
  const key = `${productId}:${skuId}:${country}`;
  let found = cache.get(key);
  if (!found) {
    found = client
      .get<PcSku>(
        `/v1/products/${encodeURIComponent(productId)}/skus/${encodeURIComponent(skuId)}?country=${encodeURIComponent(country)}`,
      )
      .then(
        (sku) => (typeof sku.maximumQuantity === "number" ? sku.maximumQuantity : null),
        (err: unknown) => {
          if (err instanceof PartnerCenterError && err.status === 404) return null;
          cache.delete(key);
          throw err;
        },
      );
    cache.set(key, found);
  }
  return found;
}
