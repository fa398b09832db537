/**
 * valibot schemas of what a client may write, one per synced entity. Parsing returns
 * the writable fields only (trimmed, e-mail and codes normalised) and strips everything
 * else, server-owned fields included. Issue messages are stable codes
 * ({@link SchemaIssueCode}), translated by the UI.
 *
 * @example
 * const result = v.safeParse(EntitySchemas.contacts, draft);
 * if (!result.success) showErrors(v.flatten(result.issues).nested); // { mobile: ['invalid_phone'] }
 */
import { AttachmentSchema, ConflictSchema } from './schemas-sync';
import { DemandSchema, InteractionSchema, RiskFlagSchema, SurveySchema } from './schemas-activity';
import { ContactSchema, CustomerSchema } from './schemas-customer';
import { PaymentSchema, TransactionSchema } from './schemas-deal';

export * from './schemas-sync';
export * from './schemas-activity';
export * from './schemas-customer';
export * from './schemas-deal';
export {
	ID_PATTERN,
	MOBILE_PATTERN,
	PHONE_PATTERN,
	SCHEMA_ISSUE_CODES,
	isUtcDateTime,
	type SchemaIssueCode
} from './schemas-fields';

/** The write schema of each synced collection, by collection name (for the outbox). */
export const EntitySchemas = {
	customers: CustomerSchema,
	contacts: ContactSchema,
	interactions: InteractionSchema,
	transactions: TransactionSchema,
	payments: PaymentSchema,
	demands: DemandSchema,
	surveys: SurveySchema,
	risk_flags: RiskFlagSchema,
	attachments: AttachmentSchema,
	conflicts: ConflictSchema
} as const;

/** A collection that has a write schema. */
export type EntityCollection = keyof typeof EntitySchemas;
