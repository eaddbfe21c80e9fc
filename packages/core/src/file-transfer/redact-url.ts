/** Query parameters whose values are secrets in presigned or token URLs (S3 X-Amz-Signature, access_token, ...). */
const SECRET_PARAMETER = /sig|token|key|pass|secret|credential|auth/i;

const REDACTED = '***';

/**
 * The URL as it may appear in a log line, an error message or techInfo: user name and password (ftp://user:pw@host)
 * and secret-looking query values replaced by ***. Text that is not a URL gets its `//user:pw@` part masked too.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@\s]*@/g, `//${REDACTED}@`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString();
}

/** Replaces every occurrence of the URL's secrets (the URL itself, its password and user) in a free text, e.g. a library error. */
export function redactSecretsOf(url: string, text: string): string {
  let out = text.split(url).join(redactUrl(url));
  try {
    const parsed = new URL(url);
    for (const secret of [parsed.password, decodeURIComponent(parsed.password)]) {
      if (secret.length >= 3) out = out.split(secret).join(REDACTED);
    }
  } catch {
    // Not a URL: nothing more to find.
  }
  return out;
}
