/**
 * What a client may write to `transactions` and `payments` (SPEC §2.4). All money is
 * integer fen (分), never a float.
 */
import * as v from 'valibot';
import {
	TransactionsAcceptanceOptions,
	TransactionsPaymentTermsOptions,
	TransactionsRenewalIntentOptions
} from '../types/pocketbase';
import {
	flag,
	id,
	list,
	money,
	optionalDate,
	optionalMoney,
	optionalPick,
	optionalText,
	requiredDate,
	requiredText,
	typeMessage
} from './schemas-fields';

/** Caps on the JSON lists of a contract: generous, they only keep records bounded. */
const MAX_ITEMS = 200;
const MAX_INSTALLMENTS = 120;

/** One line of a contract: product or service, spec, quantity (may be fractional: 1.5 吨), unit price. */
export const TransactionItemSchema = v.object(
	{
		name: requiredText(200),
		spec: optionalText(200),
		quantity: v.pipe(
			v.number(typeMessage),
			v.finite('invalid_type'),
			v.check((n) => n > 0, 'out_of_range')
		),
		unit_price_fen: optionalMoney()
	},
	typeMessage
);

/** One planned instalment of a 分期 contract. */
export const InstallmentSchema = v.object({ due: requiredDate(), amount_fen: money() }, typeMessage);

/** A contract (交易记录). Without-tax never exceeds with-tax when both are given. */
export const TransactionSchema = v.pipe(
	v.object(
		{
			id: id(),
			customer: id(),
			contract_no: optionalText(64),
			signed_on: optionalDate(),
			items: list(TransactionItemSchema, MAX_ITEMS),
			amount_with_tax: optionalMoney(),
			amount_without_tax: optionalMoney(),
			payment_terms: optionalPick(TransactionsPaymentTermsOptions),
			installments: list(InstallmentSchema, MAX_INSTALLMENTS),
			delivery_date: optionalDate(),
			delivery_method: optionalText(200),
			acceptance: optionalPick(TransactionsAcceptanceOptions),
			acceptance_issues: optionalText(2000),
			special_terms: optionalText(2000),
			contract_end: optionalDate(),
			renewal_intent: optionalPick(TransactionsRenewalIntentOptions)
		},
		typeMessage
	),
	v.forward(
		v.partialCheck(
			[['amount_with_tax'], ['amount_without_tax']],
			// 0 is PocketBase's "not set" for a number.
			(t) => !t.amount_with_tax || !t.amount_without_tax || t.amount_without_tax <= t.amount_with_tax,
			'invalid_range'
		),
		['amount_without_tax']
	)
);

/** A payment record of a contract: due and paid dates decide whether it was late. */
export const PaymentSchema = v.object(
	{
		id: id(),
		customer: id(),
		transaction: id(),
		due_date: requiredDate(),
		amount_due: optionalMoney(),
		paid_date: optionalDate(),
		amount_paid: optionalMoney(),
		late: flag(),
		notes: optionalText(1000)
	},
	typeMessage
);

/** What a form or service may hand to {@link TransactionSchema}. */
export type TransactionInput = v.InferInput<typeof TransactionSchema>;
/** What a form or service may hand to {@link PaymentSchema}. */
export type PaymentInput = v.InferInput<typeof PaymentSchema>;
