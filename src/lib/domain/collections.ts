// The archive's collection lists, kept import-free so that the app shell can
// use them without loading the validation schemas.

/** Collections whose records can own an attachment; `''` means the customer itself. */
export const ATTACHMENT_PARENTS = [
	'contacts',
	'interactions',
	'transactions',
	'payments',
	'demands',
	'surveys',
	'risk_flags'
] as const;

/**
 * Collections that follow the sync protocol, parents before children (the
 * device pushes and pulls in this order).
 */
export const SYNCED_COLLECTIONS = ['customers', ...ATTACHMENT_PARENTS, 'attachments', 'conflicts'] as const;
