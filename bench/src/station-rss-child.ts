import { reportMemory } from './memory-report.js';
import { bootStation, tempDatabase } from './station-fixture.js';

// Memory child: boots one full station (fresh SQLite file) against the CSMS URL in argv[2] (or BENCH_CSMS_URL),
// waits until Accepted and the post-boot traffic is done, then reports its memory to the parent.
const csmsUrl = process.argv[2] ?? process.env['BENCH_CSMS_URL'];
if (csmsUrl === undefined) throw new Error('usage: station-rss-child.js <csms url>');
const db = tempDatabase();
try {
  const station = await bootStation(csmsUrl, db.path, `BENCH-RSS-${process.pid}`);
  await station.settled();
  await reportMemory();
  await station.stop();
} finally {
  db.dispose();
}
process.disconnect();
