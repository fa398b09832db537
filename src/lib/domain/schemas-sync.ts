/**
 * What a client may write to the two collections the sync engine treats specially:
 * `attachments` (SPEC §2.8) and `conflicts` (SYNC.md §6).
 * The attachment's file itself is not part of the schema: the sync engine uploads the
 * blob in its own request once the record is confirmed (SYNC.md §8).
 */
import * as v from 'valibot';
import { AttachmentsKindOptions, ConflictsResolutionOptions, ConflictsStateOptions } from '../types/pocketbase';
import {
	anyJson,
	id,
	optionalDateTime,
	optionalId,
	optionalPick,
	optionalText,
	pick,
	requiredText,
	typeMessage
} from './schemas-fields';

import { ATTACHMENT_PARENTS, SYNCED_COLLECTIONS } from './collections';

export { ATTACHMENT_PARENTS, SYNCED_COLLECTIONS };

/** A photo, scan or document of a customer, with what OCR read from it. */
export const AttachmentSchema = v.pipe(
	v.object(
		{
			id: id(),
			customer: id(),
			parent_collection: optionalPick(ATTACHMENT_PARENTS),
			parent_id: optionalId(),
			kind: pick(AttachmentsKindOptions),
			sha256: v.optional(
				v.pipe(
					v.string(typeMessage),
					v.check((s) => s === '' || /^[0-9a-f]{64}$/.test(s), 'invalid_sha256')
				)
			),
			// Raw OCR is kept with the photo, so it is scanned like any free text: the
			// capture flow has to leave out what the card or licence must not give us.
			ocr_text: optionalText(20000),
			ocr_fields: anyJson()
		},
		typeMessage
	),
	// A parent is a pair: a collection without an id (or the reverse) points nowhere.
	v.forward(
		v.partialCheck(
			[['parent_collection'], ['parent_id']],
			(a) => !a.parent_collection === !a.parent_id,
			'required'
		),
		['parent_id']
	)
);

/**
 * One field both sides changed (SYNC.md §6): base, mine and theirs are kept so that no
 * losing value is discarded. A resolved conflict says how it was resolved.
 */
export const ConflictSchema = v.pipe(
	v.object(
		{
			id: id(),
			customer: optionalId(),
			collection: pick(SYNCED_COLLECTIONS),
			record: id(),
			field: v.pipe(requiredText(60), v.regex(/^[a-z][a-z0-9_]*$/, 'invalid_field_name')),
			base: anyJson(),
			mine: anyJson(),
			theirs: anyJson(),
			mine_by: id(),
			theirs_version: v.optional(
				v.pipe(v.number(typeMessage), v.safeInteger('not_integer'), v.minValue(1, 'out_of_range'))
			),
			state: optionalPick(ConflictsStateOptions),
			resolution: optionalPick(ConflictsResolutionOptions),
			resolved_value: anyJson(),
			resolved_by: optionalId(),
			resolved_at: optionalDateTime()
		},
		typeMessage
	),
	v.forward(
		v.partialCheck(
			[['state'], ['resolution']],
			(c) => c.state !== 'resolved' || !!c.resolution,
			'required'
		),
		['resolution']
	)
);

/** What a form or service may hand to {@link AttachmentSchema}. */
export type AttachmentInput = v.InferInput<typeof AttachmentSchema>;
/** What a form or service may hand to {@link ConflictSchema}. */
export type ConflictInput = v.InferInput<typeof ConflictSchema>;
