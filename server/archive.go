package main

import (
	"github.com/pocketbase/pocketbase/core"
)

// syncedCollections carry the sync fields of SYNC.md (version, base_version,
// deleted, last_op, created, updated) and follow the write protocol.
var syncedCollections = []string{
	"customers", "contacts", "interactions", "transactions", "payments",
	"demands", "surveys", "risk_flags", "attachments", "conflicts",
}

// numberPrefixes are the human-facing number series (SPEC §2): prefix +
// YYYYMM (China time) + a sequence of at least three digits.
var numberPrefixes = map[string]string{
	"customers":    "CUS",
	"interactions": "FOL",
	"demands":      "DEM",
	"surveys":      "SAT",
}

// keyFields need a `reason` in the request body when an existing, non-empty
// value changes (SPEC §4.5). Filling an empty field needs none.
var keyFields = map[string][]string{
	"customers": {"name", "credit_code", "legal_rep", "reg_address", "address"},
	"contacts":  {"mobile", "phone", "email"},
}

// approvalKeyFields: a rep changing one of these on an approved customer sends
// the archive back to review (双人复核, SPEC §5.1).
var approvalKeyFields = keyFields["customers"]

// registerArchiveHooks binds the archive's server guarantees.
func registerArchiveHooks(app core.App) {
	app.OnRecordCreateRequest(syncedCollections...).BindFunc(onSyncedCreateRequest)
	app.OnRecordUpdateRequest(syncedCollections...).BindFunc(onSyncedUpdateRequest)

	// Model-level: every path, dashboard, batch and Go code included.
	app.OnRecordCreate(syncedCollections...).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetInt("version") < 1 {
			e.Record.Set("version", 1)
		}
		return e.Next()
	})
	app.OnRecordUpdate(syncedCollections...).BindFunc(func(e *core.RecordEvent) error {
		// Saves that did not go through the write protocol (server code) still
		// advance the version, so that clients notice the change.
		if orig := e.Record.Original().GetInt("version"); e.Record.GetInt("version") <= orig {
			e.Record.Set("base_version", orig)
			e.Record.Set("version", orig+1)
		}
		return e.Next()
	})
	prefixed := make([]string, 0, len(numberPrefixes))
	for name := range numberPrefixes {
		prefixed = append(prefixed, name)
	}
	app.OnRecordCreate(prefixed...).BindFunc(assignNumber)

	// Receipts and audit rows: who sent them comes from the auth, never the body.
	app.OnRecordCreateRequest("sync_ops").BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil {
			e.Record.Set("user", e.Auth.Id)
		}
		return e.Next()
	})
	app.OnRecordCreateRequest("reveal_log").BindFunc(onRevealRequest)

	registerSeqHooks(app)
}
