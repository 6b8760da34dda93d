/** An Insightly-style error: an HTTP status and the ASP.NET `{"Message": ...}` body. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message = 'Record not found.') => new ApiError(404, message);
