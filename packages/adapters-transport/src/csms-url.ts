/**
 * The websocket URL of a station: the CSMS base URL + `/` + the percent-encoded identity (Part 4 §3.1.1).
 * A trailing `/` on the base URL is not doubled.
 */
export function stationUrl(csmsUrl: string, identity: string): string {
  return `${csmsUrl.replace(/\/+$/, '')}/${encodeURIComponent(identity)}`;
}
