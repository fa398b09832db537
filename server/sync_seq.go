package main

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// The pull checkpoint (pb_migrations/*_sync_seq.js): every create and update
// of a synced record takes the next `seq` from one counter, inside the
// transaction that writes the record. PocketBase has one writer connection,
// so transactions commit one after another and a larger seq always commits
// later: a reader sees a gap-free prefix of the sequence, whatever the clocks
// say. The Execute hooks run right before the INSERT/UPDATE statement, after
// validation, so a refused write takes no number (and a rolled-back
// transaction gives its number back).

const seqCounter = "sync_seq"

func assignSeq(e *core.RecordEvent) error {
	// The after-success hooks (realtime broadcast and its access checks) run
	// with e.App once the transaction is over: give the original back then.
	original := e.App
	defer func() { e.App = original }()
	return e.App.RunInTransaction(func(txApp core.App) error {
		var seq int64
		err := txApp.NonconcurrentDB().NewQuery(
			"INSERT INTO kedang_counters (key, value) VALUES ('" + seqCounter + "', 1) " +
				"ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value",
		).Row(&seq)
		if err != nil {
			return fmt.Errorf("next sync seq: %w", err)
		}
		e.Record.Set("seq", seq)
		e.App = txApp // the statement below runs in this transaction
		return e.Next()
	})
}

func registerSeqHooks(app core.App) {
	app.OnRecordCreateExecute(syncedCollections...).BindFunc(assignSeq)
	app.OnRecordUpdateExecute(syncedCollections...).BindFunc(assignSeq)
}
