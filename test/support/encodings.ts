/** Every spelling of the key a 360dialog answer, a URL or a log line could carry. */
export function encodingsOf(key: string): Record<string, string> {
  const bytes = Buffer.from(key, 'utf8');
  const percent = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return {
    literal: key,
    hexLower: bytes.toString('hex'),
    hexUpper: bytes.toString('hex').toUpperCase(),
    base64: bytes.toString('base64'),
    base64Url: bytes.toString('base64url'),
    percentLower: percent,
    percentUpper: percent.toUpperCase(),
    jsonEscapes: [...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  };
}
