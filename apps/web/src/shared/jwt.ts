/** Reads a JWT's claims without verifying it: the api verifies; the page only needs `sub` and `name` for display. */
export function readJwtClaims(token: string): { sub?: string; name?: string; exp?: number } {
  try {
    const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as { sub?: string; name?: string; exp?: number };
  } catch {
    return {};
  }
}
