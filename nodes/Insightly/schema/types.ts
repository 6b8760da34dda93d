/**
 * The shape of the per-record-type field table (`schema/fields.generated.ts`, written by
 * `npm run generate` from spec/insightly-v3.1.swagger.json). Types only: the generated table
 * imports this module, and `schema/index.ts` the table, so nothing imports in a circle.
 */

/** n8n parameter type used for the field. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'dateTime' | 'options';

/**
 * Date-only fields keep the calendar day the user picked; date-time fields are converted to UTC.
 * Insightly's body format is `yyyy-MM-dd HH:mm:ss` UTC for both (date-only as midnight).
 */
export type DateKind = 'date' | 'dateTime';

/** What a reference field points to: each has a loadOptions method (see LOAD_OPTIONS_METHODS). */
export type ReferenceKind =
	| 'users'
	| 'organisations'
	| 'pipelines'
	| 'pipelineStages'
	| 'categories'
	| 'leadSources'
	| 'leadStatuses'
	| 'customObjects';

export interface FieldOption {
	label: string;
	value: string | number;
}

export interface FieldSpec {
	/** API name, e.g. 'EMAIL_ADDRESS'. Also the n8n parameter / collection option name. */
	name: string;
	/** Title Case display name; references end in 'Name or ID'. */
	label: string;
	/**
	 * n8n parameter type. (Keys differ from INodeProperties on purpose: n8n's lint would treat
	 * objects with name/displayName/type as node parameters.)
	 */
	kind: FieldKind;
	/** Whole numbers only (swagger `integer`), including every reference. */
	integer?: true;
	/** Longest text Insightly accepts (swagger maxLength; absent when the swagger gives 0). */
	maxLength?: number;
	/** Required on create (swagger `required` minus read-only / absent properties). */
	required?: true;
	/** Only in the create body: the update body of the spec has no such property. */
	createOnly?: true;
	reference?: ReferenceKind;
	dateKind?: DateKind;
	/** Known values for `kind: 'options'` without a reference, sorted by label. */
	options?: FieldOption[];
	/** Default other than n8n's empty value: one of `options`, or a boolean's initial state. */
	default?: string | number | boolean;
}

export interface RecordFields {
	/** Swagger schema title the fields come from. */
	schema: string;
	/** Swagger operation whose body schema is the authority, e.g. 'POST /Contacts'. */
	source: string;
	fields: FieldSpec[];
}

export type RecordFieldTable = Record<string, RecordFields>;
