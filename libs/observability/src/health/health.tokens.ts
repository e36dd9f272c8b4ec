/** Injection token: the list of checks `/health/ready` runs. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
