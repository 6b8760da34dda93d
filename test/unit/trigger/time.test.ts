import { Settings } from 'luxon';

import {
	describeInstant,
	formatQueryTimestamp,
	formatRecordTimestamp,
	parseHttpDate,
	parseRecordTimestamp,
	parseStartDate,
	toEpochSeconds,
} from '../../../nodes/Insightly/trigger/time';

const T = Date.UTC(2024, 2, 31, 1, 30, 15) / 1000; // 2024-03-31 01:30:15 UTC (a DST night in Europe)

describe('trigger/time', () => {
	const originalZone = Settings.defaultZone;
	afterEach(() => {
		Settings.defaultZone = originalZone;
	});

	it('parses Insightly record timestamps as UTC', () => {
		expect(parseRecordTimestamp('2024-03-31 01:30:15')).toBe(T);
	});

	it('ignores the default zone of the process and the workflow', () => {
		for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
			Settings.defaultZone = zone;
			expect(parseRecordTimestamp('2024-03-31 01:30:15')).toBe(T);
			expect(formatRecordTimestamp(T)).toBe('2024-03-31 01:30:15');
			expect(formatQueryTimestamp(T)).toBe('2024-03-31T01:30:15Z');
			expect(parseStartDate('2024-03-31T01:30:15')).toBe(T);
		}
	});

	it('reads ISO strings, honouring an explicit offset', () => {
		expect(parseRecordTimestamp('2024-03-31T01:30:15Z')).toBe(T);
		expect(parseRecordTimestamp('2024-03-31T03:30:15+02:00')).toBe(T);
		expect(parseRecordTimestamp('2024-03-31T01:30:15.999Z')).toBe(T);
	});

	it('rejects what is not a timestamp, including the zero date', () => {
		for (const value of [
			undefined,
			null,
			'',
			'yesterday',
			12,
			'0000-00-00 00:00:00',
			'2024-13-01 00:00:00',
		]) {
			expect(parseRecordTimestamp(value)).toBeUndefined();
		}
	});

	it('round-trips both formats', () => {
		expect(parseRecordTimestamp(formatRecordTimestamp(T))).toBe(T);
		expect(parseRecordTimestamp(formatQueryTimestamp(T))).toBe(T);
	});

	it('parses the Start Date option: zone-less means UTC, Date objects and offsets are honoured', () => {
		expect(parseStartDate('2024-03-31T01:30:15')).toBe(T);
		expect(parseStartDate('2024-03-31T02:30:15+01:00')).toBe(T);
		expect(parseStartDate(new Date(T * 1000 + 500))).toBe(T);
		expect(() => parseStartDate('soon')).toThrow('Start Date "soon" is not a date and time');
		expect(() => parseStartDate(undefined)).toThrow();
	});

	it('rounds milliseconds down to seconds and describes instants in UTC', () => {
		expect(toEpochSeconds(T * 1000 + 999)).toBe(T);
		expect(describeInstant(T * 1000)).toBe('2024-03-31 01:30:15 UTC');
	});

	it("reads an HTTP Date header (Insightly's clock) as epoch seconds", () => {
		expect(parseHttpDate('Mon, 10 Mar 2025 09:00:07 GMT')).toBe(
			Date.UTC(2025, 2, 10, 9, 0, 7) / 1000,
		);
		Settings.defaultZone = 'Pacific/Auckland';
		expect(parseHttpDate('Sun, 31 Mar 2024 01:30:15 GMT')).toBe(T);
		expect(parseHttpDate(undefined)).toBeUndefined();
		expect(parseHttpDate('')).toBeUndefined();
		expect(parseHttpDate('yesterday')).toBeUndefined();
	});
});
