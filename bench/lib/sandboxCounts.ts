/**
 * What the sandbox saw: requests received (its log), 429s it answered, records sharing an
 * email (duplicates), and the rate requests actually arrived at.
 */
import type { RequestLogEntry, Sandbox } from '../../sandbox';

export function count429(log: RequestLogEntry[]): number {
	return log.filter((entry) => entry.status === 429).length;
}

/**
 * Requests per second over the span from the first to the last request: (n - 1) intervals.
 * This is what the 10/s limit is measured against (n8n's start-up time is not in it).
 */
export function achievedRate(log: RequestLogEntry[]): number {
	if (log.length < 2) return NaN;
	const times = log.map((entry) => Date.parse(entry.time));
	const span = (Math.max(...times) - Math.min(...times)) / 1000;
	return span > 0 ? (log.length - 1) / span : NaN;
}

/** The most requests that arrived within any 1-second window (the sandbox's own limit window). */
export function busiestSecond(log: RequestLogEntry[]): number {
	const times = log.map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= 1000) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

/** Records beyond the first for each email address (3 records with one email = 2 duplicates). */
export function duplicateEmails(sandbox: Sandbox): number {
	const seen = new Map<string, number>();
	for (const contact of sandbox.records.list('Contacts')) {
		const email = String(contact.EMAIL_ADDRESS ?? '').toLowerCase();
		if (email) seen.set(email, (seen.get(email) ?? 0) + 1);
	}
	let duplicates = 0;
	for (const n of seen.values()) duplicates += n - 1;
	return duplicates;
}

/** Seeds `n` contacts straight into the store (no quota, not logged). */
export function seedContacts(sandbox: Sandbox, n: number, tag = 'seed'): void {
	for (let i = 0; i < n; i++) {
		sandbox.records.create('Contacts', {
			FIRST_NAME: `${tag}${i}`,
			LAST_NAME: 'Bench',
			EMAIL_ADDRESS: `${tag}-${i}@bench.example`,
		});
	}
}
