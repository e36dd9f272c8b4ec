import { IsBoolean } from 'class-validator';
import { ConfigValidationError, IsPort, IsUrlWithScheme, ToBoolean, ToInt, ToList, validateEnv } from './env-validation';

class SampleEnv {
  @ToInt()
  @IsPort()
  PORT = 8080;

  @IsUrlWithScheme(['redis', 'rediss'], 'redis://host:6379')
  URL = 'redis://127.0.0.1:6379';

  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  FLAG = false;

  @ToList()
  LIST: string[] = [];
}

describe('validateEnv', () => {
  it('keeps defaults for unset or empty variables', () => {
    const env = validateEnv(SampleEnv, { PORT: '', FLAG: undefined });
    expect(env).toMatchObject({ PORT: 8080, FLAG: false, LIST: [] });
  });

  it('converts integers, booleans and lists', () => {
    const env = validateEnv(SampleEnv, { PORT: '6001', FLAG: 'yes', LIST: 'a, b,,c' });
    expect(env).toMatchObject({ PORT: 6001, FLAG: true, LIST: ['a', 'b', 'c'] });
  });

  it('names each bad variable and what it must be', () => {
    let error: unknown;
    try {
      validateEnv(SampleEnv, { PORT: 'abc', FLAG: 'maybe', URL: 'http://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems).toEqual([
      'PORT="abc": must be a port number from 0 to 65535',
      'URL="http://x": must be a URL like redis://host:6379',
      'FLAG="maybe": must be true or false',
    ]);
  });
});
