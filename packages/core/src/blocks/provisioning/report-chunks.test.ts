import { describe, expect, it } from 'vitest';
import type { ReportDataType } from '../../messages/index.js';
import { chunkReportData } from './report-chunks.js';

const item = (n: number): ReportDataType => ({
  component: { name: `Component${n}` },
  variable: { name: 'Variable' },
  variableAttribute: [{ type: 'Actual', value: 'x'.repeat(10), mutability: 'ReadOnly', persistent: true, constant: false }],
});

describe('B07.FR.06 NotifyReport splitting', () => {
  it('puts at most ItemsPerMessage items in each NotifyReport, keeping order', () => {
    const chunks = chunkReportData(Array.from({ length: 7 }, (_, i) => item(i)), 3, 100_000);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(chunks.flat().map((d) => d.component.name)).toEqual(Array.from({ length: 7 }, (_, i) => `Component${i}`));
  });

  it('keeps each NotifyReport within BytesPerMessage', () => {
    const chunks = chunkReportData(Array.from({ length: 20 }, (_, i) => item(i)), 100, 1000);
    for (const chunk of chunks) expect(JSON.stringify(chunk).length + 200).toBeLessThanOrEqual(1000 + 150);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
