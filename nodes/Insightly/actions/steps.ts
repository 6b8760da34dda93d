/**
 * Operations of several requests (Create or Update, pipeline changes read back, writes whose
 * output needs custom field metadata) must say which step failed and what was already changed:
 * otherwise a user who sees "error" retries a create that went through and gets a duplicate.
 */
export interface StepReport {
	/** What this step was doing, e.g. 'Create or Update: updating Contact 12'. */
	step: string;
	/** What had already been changed in Insightly when this step ran. */
	alreadyDone: string;
}

/** Runs one step; a failure keeps its error type and status but names the step and the changes made. */
export async function runStep<T>(report: StepReport, run: () => Promise<T>): Promise<T> {
	// The error is annotated and thrown outside the catch block: it is already the transport's
	// NodeApiError (or our InputError), which the router turns into the node's error.
	let failure: unknown;
	try {
		return await run();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof Error) {
		failure.message = `${report.step} failed: ${failure.message}`;
		const withDescription = failure as Error & { description?: string | null };
		withDescription.description = [report.alreadyDone, withDescription.description]
			.filter(Boolean)
			.join(' ');
	}
	throw failure;
}
