import Pusher from 'pusher';
import { AppUnavailableError, classifyDeliveryError, CredentialsLookupError } from './delivery-error';

function requestError(status?: number, body?: string, cause?: Error): Error {
  return new Pusher.RequestError('Unexpected status code', 'http://127.0.0.1/apps/1/events', cause as Error, status, body);
}

describe('classifyDeliveryError', () => {
  it('retries network errors and timeouts, pausing the whole target', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6001'), { code: 'ECONNREFUSED' });
    expect(classifyDeliveryError(requestError(undefined, undefined, refused))).toMatchObject({
      kind: 'transient',
      scope: 'target',
      message: 'network error: ECONNREFUSED',
    });
    const aborted = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(classifyDeliveryError(requestError(undefined, undefined, aborted))).toMatchObject({
      kind: 'transient',
      message: 'network error: timed out',
    });
  });

  it.each([500, 502, 503, 504, 408])('retries HTTP %i for every app', (status) => {
    expect(classifyDeliveryError(requestError(status, 'busy'))).toMatchObject({ kind: 'transient', scope: 'target', status });
  });

  it('retries 429 for this app only', () => {
    expect(classifyDeliveryError(requestError(429, 'slow down'))).toMatchObject({ kind: 'transient', scope: 'app' });
  });

  it('retries 401 after reloading the credentials', () => {
    expect(classifyDeliveryError(requestError(401, 'Invalid signature'))).toMatchObject({ kind: 'transient', staleCredentials: true });
  });

  it.each([400, 403, 404, 413])('fails HTTP %i at once, keeping the body as the reason', (status) => {
    expect(classifyDeliveryError(requestError(status, 'Invalid channel name'))).toEqual({
      kind: 'permanent',
      scope: 'app',
      status,
      staleCredentials: false,
      message: `HTTP ${String(status)}: Invalid channel name`,
    });
  });

  it('retries when the credentials cannot be read', () => {
    expect(classifyDeliveryError(new CredentialsLookupError('x', new Error('connection refused')))).toMatchObject({
      kind: 'transient',
      message: 'cannot read the credentials of app x: connection refused',
    });
  });

  it('fails errors thrown before sending (SDK validation, unknown app) at once', () => {
    expect(classifyDeliveryError(new Error("Invalid channel name: 'a b'"))).toMatchObject({ kind: 'permanent' });
    expect(classifyDeliveryError(new AppUnavailableError('x', 'disabled'))).toMatchObject({
      kind: 'permanent',
      message: 'app x is disabled',
    });
  });
});
