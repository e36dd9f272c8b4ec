import { checkUpgradeRequest } from './upgrade-request';

describe('checkUpgradeRequest', () => {
  it('accepts pusher-js URLs and ignores extra query parameters', () => {
    expect(checkUpgradeRequest('/app/app-key?protocol=7&client=js&version=8.6.0&flash=false', '')).toEqual({
      ok: true,
      appKey: 'app-key',
      protocol: 7,
    });
    expect(checkUpgradeRequest('/app/app-key/?protocol=5', '')).toEqual({ ok: true, appKey: 'app-key', protocol: 5 });
  });

  it('honours the path prefix', () => {
    expect(checkUpgradeRequest('/ws/app/k?protocol=7', '/ws')).toMatchObject({ ok: true, appKey: 'k' });
    expect(checkUpgradeRequest('/app/k?protocol=7', '/ws')).toMatchObject({ ok: false, code: 4005 });
  });

  it.each([
    ['/other/app-key?protocol=7', 4005],
    ['/app/?protocol=7', 4005],
    ['/app/a/b?protocol=7', 4005],
    ['/app/%E0%A4%A?protocol=7', 4005],
    ['/app/app-key', 4008],
    ['/app/app-key?protocol=', 4008],
    ['/app/app-key?protocol=7.1', 4006],
    ['/app/app-key?protocol=x', 4006],
    ['/app/app-key?protocol=4', 4007],
    ['/app/app-key?protocol=8', 4007],
  ])('refuses %s with %i', (url, code) => {
    expect(checkUpgradeRequest(url, '')).toMatchObject({ ok: false, code });
  });
});
