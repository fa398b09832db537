// Command kedang is stock PocketBase plus the pieces Kedang needs: the jsvm
// plugin for pb_migrations/ (and optional pb_hooks/), the migrate command with
// JS templates, the built PWA served at "/" with SPA fallback, and a first
// superuser created on an empty database. Everything else stays stock, so the
// PocketBase documentation applies as written. There is deliberately no
// self-update plugin: it would replace this build with an upstream release.
package main

import (
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
)

func main() {
	app := pocketbase.New()

	var migrationsDir, hooksDir, publicDir string
	var automigrate bool
	flags := app.RootCmd.PersistentFlags()
	flags.StringVar(&migrationsDir, "migrationsDir", "pb_migrations", "directory with the JS migrations")
	flags.StringVar(&hooksDir, "hooksDir", "pb_hooks", "directory with optional JS hooks (*.pb.js)")
	flags.StringVar(&publicDir, "publicDir", "build", "directory with the built PWA served at /")
	flags.BoolVar(&automigrate, "automigrate", false, "write a migration for every collection change made in the dashboard (development only)")
	_ = app.RootCmd.ParseFlags(os.Args[1:])

	jsvm.MustRegister(app, jsvm.Config{
		MigrationsDir: migrationsDir,
		HooksDir:      hooksDir,
		HooksWatch:    automigrate, // reload hooks on change only in development
	})

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		TemplateLang: migratecmd.TemplateLangJS,
		Automigrate:  automigrate,
		Dir:          migrationsDir,
	})

	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if err := ensureSuperuser(e.App, os.Getenv("KEDANG_ADMIN_EMAIL"), os.Getenv("KEDANG_ADMIN_PASSWORD")); err != nil {
			return err
		}
		// Our superuser exists now, so PocketBase's browser installer is never needed.
		e.InstallerFunc = nil
		return e.Next()
	})

	registerArchiveHooks(app)
	registerSPA(app, publicDir)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
