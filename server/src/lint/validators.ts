// Approximations of the asaskevich/govalidator checks Helm's Chart.yaml rules use (IsEmail,
// IsURL, IsRequestURL). They agree with govalidator on ordinary inputs; exotic URLs may differ.

const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** isEmail is govalidator.IsEmail (approximation). */
export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * isRequestURL is govalidator.IsRequestURL: url.ParseRequestURI succeeds and has a scheme.
 * ParseRequestURI rejects relative references, control characters and bad hosts.
 */
export function isRequestURL(s: string): boolean {
  const m = SCHEME.exec(s);
  if (m === null) return false;
  // Go's url parsing rejects ASCII control characters anywhere and spaces in the authority.
  if (/[\x00-\x1f\x7f]/.test(s)) return false;
  const rest = s.slice(m[0].length);
  if (rest.startsWith('//')) {
    const auth = rest.slice(2).split(/[/?#]/)[0];
    if (/\s/.test(auth)) return false;
    const host = auth.slice(auth.lastIndexOf('@') + 1);
    const port = /:(\d*)$/.exec(host);
    if (host.includes(':') && !host.startsWith('[') && port === null) return false;
  }
  return true;
}

const URL_RE =
  /^(?:(?:https?|ftp|tcp|udp|wss?):\/\/)?(?:\S+(?::\S*)?@)?(?:(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-fA-F:.]+\]|(?:[a-zA-Z0-9\u00a1-\uffff_-]+\.)*[a-zA-Z0-9\u00a1-\uffff_-]+\.?|localhost)(?::\d{1,5})?(?:[/?#]\S*)?$/;

/** isURL is govalidator.IsURL (approximation: scheme optional, host required, no spaces). */
export function isURL(s: string): boolean {
  if (s === '' || s.length >= 2083 || s.length <= 3 || s.startsWith('.')) return false;
  if (/\s/.test(s)) return false;
  let t = s;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(t);
  if (m !== null && !/^(https?|ftp|tcp|udp|wss?)$/i.test(m[1])) return false;
  if (t.includes('://') === false && t.startsWith('//')) t = 'http:' + t;
  return URL_RE.test(t);
}
