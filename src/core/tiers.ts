/**
 * Meta's messaging limit tiers (business-initiated conversations per 24 hours): a domain fact that webhooks
 * (`business_capability_update`) and the Partner API's channel listing both report, compared to tell a
 * lowered limit from a raised one.
 */

/** Meta's tiers in order; a number string (some senders use one) is read as that many conversations. */
const TIERS: Record<string, number> = {
  TIER_NOT_SET: 0,
  TIER_50: 50,
  TIER_250: 250,
  TIER_1K: 1_000,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
};
export function tierSize(tier: string | undefined): number | undefined {
  if (!tier) return undefined;
  const known = TIERS[tier.toUpperCase()];
  if (known !== undefined) return known;
  if (/^unlimited$/i.test(tier)) return Number.POSITIVE_INFINITY;
  const n = Number(tier);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
