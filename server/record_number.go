package main

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// chinaTime is UTC+8 (no DST): the month in a number is the month in China.
var chinaTime = time.FixedZone("CST", 8*60*60)

// formatNumber renders e.g. CUS + 202405 + 001; past 999 the sequence grows.
func formatNumber(prefix string, at time.Time, seq int) string {
	return fmt.Sprintf("%s%s%03d", prefix, at.In(chinaTime).Format("200601"), seq)
}

// assignNumber gives a new record its number unless it has one (a superuser
// import may keep legacy numbers). The counter row is bumped by one atomic
// statement, so concurrent creates never share a number; a failed insert
// leaves a gap, which the numbering tolerates.
func assignNumber(e *core.RecordEvent) error {
	if e.Record.GetString("number") != "" {
		return e.Next()
	}
	prefix := numberPrefixes[e.Record.Collection().Name]
	now := time.Now()
	key := prefix + now.In(chinaTime).Format("200601")
	var seq int
	err := e.App.NonconcurrentDB().NewQuery(
		"INSERT INTO kedang_counters (key, value) VALUES ({:key}, 1) " +
			"ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value",
	).Bind(dbx.Params{"key": key}).Row(&seq)
	if err != nil {
		return fmt.Errorf("next %s number: %w", prefix, err)
	}
	e.Record.Set("number", formatNumber(prefix, now, seq))
	return e.Next()
}
