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
	try {
		return await run();
	} catch (error) {
		if (error instanceof Error) {
			error.message = `${report.step} failed: ${error.message}`;
			const withDescription = error as Error & { description?: string | null };
			withDescription.description = [report.alreadyDone, withDescription.description].filter(Boolean).join(' ');
		}
		throw error;
	}
}
