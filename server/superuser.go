package main

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// defaultAdminEmail is used for the first superuser when KEDANG_ADMIN_EMAIL is unset.
const defaultAdminEmail = "admin@kedang.local"

// ensureSuperuser creates the first superuser when the database has none.
//
// The email and password come from KEDANG_ADMIN_EMAIL / KEDANG_ADMIN_PASSWORD;
// without a password a random 24-character one is generated and printed once
// to stdout. There is never a known default password. An existing superuser is
// never touched, so restarting with different variables changes nothing.
func ensureSuperuser(app core.App, email, password string) error {
	total, err := app.CountRecords(core.CollectionNameSuperusers)
	if err != nil {
		return fmt.Errorf("count superusers: %w", err)
	}
	if total > 0 {
		return nil
	}

	col, err := app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}

	if email == "" {
		email = defaultAdminEmail
	}
	generated := password == ""
	if generated {
		password = security.RandomString(24)
	}

	record := core.NewRecord(col)
	record.SetEmail(email)
	record.SetPassword(password)
	if err := app.Save(record); err != nil {
		return fmt.Errorf("create first superuser %s: %w", email, err)
	}

	if generated {
		fmt.Printf("Created the first superuser %s with the password %s\n", email, password)
		fmt.Println("  (printed only this once: write it down, or change it in the dashboard)")
	} else {
		fmt.Printf("Created the first superuser %s (password from KEDANG_ADMIN_PASSWORD)\n", email)
	}
	return nil
}
