/**
 * What a client may write to the activity records of a customer: interactions (§2.3),
 * service demands (§2.5), satisfaction surveys (§2.6) and risk flags (§2.7). Numbers
 * (FOL…, DEM…, SAT…), authors and the sync bookkeeping are the server's.
 */
import * as v from 'valibot';
import {
	DemandsStateOptions,
	DemandsTypeOptions,
	DemandsUrgencyOptions,
	InteractionsMethodOptions,
	RiskFlagsKindOptions,
	RiskFlagsLevelOptions
} from '../types/pocketbase';
import {
	flag,
	id,
	optionalDate,
	optionalDateTime,
	optionalId,
	optionalPick,
	optionalText,
	pick,
	requiredDateTime,
	requiredText,
	typeMessage
} from './schemas-fields';

/**
 * A follow-up or service record. `occurred_at` is the UTC date-time of the contact;
 * `late` marks an entry made more than 2 working days after it (computed by the client).
 */
export const InteractionSchema = v.object(
	{
		id: id(),
		customer: id(),
		contact: optionalId(),
		occurred_at: requiredDateTime(),
		method: pick(InteractionsMethodOptions),
		participants: optionalText(500),
		content: requiredText(5000),
		pain_points: optionalText(2000),
		expectations: optionalText(2000),
		complaints: optionalText(2000),
		feedback: optionalText(2000),
		next_step: optionalText(1000),
		next_step_due: optionalDate(),
		followed_by: optionalId(),
		late: flag()
	},
	typeMessage
);

/** A service demand; the SLA deadlines are computed by the client from `urgency`. */
export const DemandSchema = v.object(
	{
		id: id(),
		customer: id(),
		contact: optionalId(),
		type: pick(DemandsTypeOptions),
		description: requiredText(5000),
		urgency: pick(DemandsUrgencyOptions),
		accepted_at: optionalDateTime(),
		response_due: optionalDateTime(),
		first_response_at: optionalDateTime(),
		plan_due: optionalDate(),
		receiver: optionalId(),
		assignee: optionalId(),
		planned_completion: optionalDate(),
		actual_completion: optionalDate(),
		state: optionalPick(DemandsStateOptions),
		result: optionalText(2000)
	},
	typeMessage
);

/** A survey dimension key: the three standard ones or a configured one, snake_case. */
const DIMENSION = /^[a-z][a-z0-9_]{0,39}$/;

/** Scores per dimension (`response_speed`, `expertise`, `resolution`, …), integers 1–5. */
export const SurveyScoresSchema = v.record(
	v.pipe(v.string(typeMessage), v.regex(DIMENSION, 'invalid_field_name')),
	v.pipe(
		v.number(typeMessage),
		v.integer('not_integer'),
		v.minValue(1, 'out_of_range'),
		v.maxValue(5, 'out_of_range')
	),
	typeMessage
);

/** A satisfaction survey (满意度调查). */
export const SurveySchema = v.object(
	{
		id: id(),
		customer: id(),
		service_item: requiredText(200),
		scores: v.nullish(SurveyScoresSchema),
		suggestions: optionalText(2000),
		surveyed_on: optionalDate(),
		recorder: optionalId()
	},
	typeMessage
);

/** A risk flag (风险预警); `automatic` marks one raised by the late-payment rule. */
export const RiskFlagSchema = v.object(
	{
		id: id(),
		customer: id(),
		kind: pick(RiskFlagsKindOptions),
		level: pick(RiskFlagsLevelOptions),
		description: optionalText(2000),
		outcome: optionalText(1000),
		automatic: flag(),
		resolved: flag()
	},
	typeMessage
);

/** What a form or service may hand to {@link InteractionSchema}. */
export type InteractionInput = v.InferInput<typeof InteractionSchema>;
/** What a form or service may hand to {@link DemandSchema}. */
export type DemandInput = v.InferInput<typeof DemandSchema>;
/** What a form or service may hand to {@link SurveySchema}. */
export type SurveyInput = v.InferInput<typeof SurveySchema>;
/** What a form or service may hand to {@link RiskFlagSchema}. */
export type RiskFlagInput = v.InferInput<typeof RiskFlagSchema>;
