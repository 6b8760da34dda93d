import { DateTime } from 'luxon';

import {
	parseDateInput,
	parseInsightlyDate,
	toInsightlyBodyDate,
	toInsightlyQueryDate,
} from '../../../nodes/Insightly/utils/dates';
import { InputError } from '../../../nodes/Insightly/utils/validation';

describe('toInsightlyBodyDate (yyyy-MM-dd HH:mm:ss, UTC)', () => {
	it.each([
		['ISO with Z', '2025-04-22T19:34:12Z', '2025-04-22 19:34:12'],
		['ISO with offset', '2025-04-22T21:34:12+02:00', '2025-04-22 19:34:12'],
		['ISO with milliseconds', '2025-04-22T19:34:12.987Z', '2025-04-22 19:34:12'],
		['date only', '2025-04-22', '2025-04-22 00:00:00'],
		['Insightly body format', '2025-04-22 19:34:12', '2025-04-22 19:34:12'],
		['Microsoft JSON date (webhooks)', '/Date(1489132800000-0800)/', '2017-03-10 08:00:00'],
	])('%s', (_name, input, expected) => {
		expect(toInsightlyBodyDate(input, 'Start Date')).toBe(expected);
	});

	it('reads zone-less picker values in the given zone and converts them to UTC', () => {
		expect(
			toInsightlyBodyDate('2025-01-15T09:00:00', 'Start Date', { zone: 'Europe/Berlin' }),
		).toBe('2025-01-15 08:00:00');
		expect(
			toInsightlyBodyDate('2025-07-15T09:00:00', 'Start Date', { zone: 'America/New_York' }),
		).toBe('2025-07-15 13:00:00');
		// Without a zone, UTC.
		expect(toInsightlyBodyDate('2025-07-15T09:00:00', 'Start Date')).toBe('2025-07-15 09:00:00');
	});

	it('keeps Insightly-format input as UTC whatever the workflow zone (round trip of output fields)', () => {
		expect(toInsightlyBodyDate('2025-04-22 19:34:12', 'Start Date', { zone: 'Asia/Tokyo' })).toBe(
			'2025-04-22 19:34:12',
		);
	});

	it('accepts luxon DateTime, JS Date and epoch milliseconds', () => {
		expect(
			toInsightlyBodyDate(DateTime.fromISO('2025-04-22T10:00:00', { zone: 'Europe/Paris' }), 'X'),
		).toBe('2025-04-22 08:00:00');
		expect(toInsightlyBodyDate(new Date(Date.UTC(2025, 3, 22, 10, 0, 5)), 'X')).toBe(
			'2025-04-22 10:00:05',
		);
		expect(toInsightlyBodyDate(Date.UTC(2025, 3, 22, 10, 0, 5), 'X')).toBe('2025-04-22 10:00:05');
	});

	it('date-only fields keep the calendar day written, not the UTC day', () => {
		expect(toInsightlyBodyDate('2025-04-22T00:30:00+02:00', 'Due Date', { dateOnly: true })).toBe(
			'2025-04-22 00:00:00',
		);
		expect(toInsightlyBodyDate('2025-04-22T23:30:00-05:00', 'Due Date', { dateOnly: true })).toBe(
			'2025-04-22 00:00:00',
		);
		expect(
			toInsightlyBodyDate('2025-04-22T00:30:00', 'Due Date', {
				dateOnly: true,
				zone: 'Europe/Berlin',
			}),
		).toBe('2025-04-22 00:00:00');
		// The same instant as a date-time moves to the previous UTC day.
		expect(toInsightlyBodyDate('2025-04-22T00:30:00+02:00', 'Due Date')).toBe(
			'2025-04-21 22:30:00',
		);
	});

	it.each([
		'',
		'tomorrow',
		'2025-02-30',
		'2025-13-01',
		'0000-00-00 00:00:00',
		'22/04/2025',
		{},
		true,
		null,
	])('rejects %p naming the field', (input) => {
		expect(() => toInsightlyBodyDate(input, 'Due Date', { itemIndex: 3 })).toThrow(InputError);
		expect(() => toInsightlyBodyDate(input, 'Due Date')).toThrow(/^Due Date is not a valid date/);
	});

	it('carries the item index on the error', () => {
		try {
			toInsightlyBodyDate('nope', 'Due Date', { itemIndex: 3 });
		} catch (error) {
			expect((error as InputError).itemIndex).toBe(3);
			expect((error as InputError).field).toBe('Due Date');
			return;
		}
		throw new Error('expected an error');
	});
});

describe('toInsightlyQueryDate (yyyy-MM-ddTHH:mm:ssZ)', () => {
	it.each([
		['2025-04-22T21:34:12.500+02:00', '2025-04-22T19:34:12Z'],
		['2025-04-22 19:34:12', '2025-04-22T19:34:12Z'],
		['2025-04-22', '2025-04-22T00:00:00Z'],
	])('%s', (input, expected) => {
		expect(toInsightlyQueryDate(input, 'Updated After')).toBe(expected);
	});
	it('uses the zone for zone-less values', () => {
		expect(
			toInsightlyQueryDate('2025-04-22T09:00:00', 'Updated After', { zone: 'Europe/London' }),
		).toBe('2025-04-22T08:00:00Z');
	});
	it('rejects invalid dates', () => {
		expect(() => toInsightlyQueryDate('soon', 'Updated After')).toThrow(
			/Updated After is not a valid date/,
		);
	});
});

describe('parseInsightlyDate / parseDateInput', () => {
	it('reads response dates as UTC', () => {
		expect(parseInsightlyDate('2025-04-22 19:34:12')?.toISO()).toBe('2025-04-22T19:34:12.000Z');
	});
	it.each([null, undefined, '', '0000-00-00 00:00:00', 'garbage', 12])(
		'returns undefined for %p',
		(input) => {
			expect(parseInsightlyDate(input)).toBeUndefined();
		},
	);
	it('keeps the offset of ISO input', () => {
		expect(parseDateInput('2025-04-22T10:00:00+05:30', 'X').offset).toBe(330);
	});
});
