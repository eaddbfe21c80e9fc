import { describe, expect, it } from 'vitest';
import { stationUrl } from './csms-url.js';

describe('stationUrl (Part 4 §3.1.1)', () => {
  it('appends the percent-encoded identity as one path segment', () => {
    expect(stationUrl('wss://csms.example.com/ocpp', 'CS 001/ä#?')).toBe('wss://csms.example.com/ocpp/CS%20001%2F%C3%A4%23%3F');
  });

  it('does not double a trailing slash of the base URL', () => {
    expect(stationUrl('ws://127.0.0.1:9000/ocpp/', 'CS-1')).toBe('ws://127.0.0.1:9000/ocpp/CS-1');
  });
});
