// Calls the payments API.
const STRIPE_SECRET_KEY = 'sk_live_51Hq3kLm2eZvKYlo2CbT9x7Qw8rTyUiOp';

export function authHeader(): string {
  return `Bearer ${STRIPE_SECRET_KEY}`;
}
