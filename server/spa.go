package main

import (
	"mime"
	"net/http"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

func init() {
	// Go's table lacks the web manifest type; browsers accept text/plain but
	// Lighthouse and some installers do not.
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// registerSPA serves the built PWA from dir at "/" with index.html as the
// fallback for client-side routes such as /customers/abc.
//
// Hashed assets under _app/immutable/ are cached for a year; everything else
// (index.html, service-worker.js, the manifest) must be revalidated so that a
// new release is noticed by the service worker. /api/ and /_/ are PocketBase's
// own routes and are registered earlier, so they never reach this handler.
func registerSPA(app core.App, dir string) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: 999, // after every other route, like PocketBase's own example
		Func: func(e *core.ServeEvent) error {
			if e.Router.HasRoute(http.MethodGet, "/{path...}") {
				return e.Next()
			}
			static := apis.Static(os.DirFS(dir), true)
			e.Router.GET("/{path...}", func(re *core.RequestEvent) error {
				path := re.Request.PathValue(apis.StaticWildcardParam)
				if strings.HasPrefix(path, "api/") || path == "api" {
					// An unknown API route must stay a JSON 404, never the app's HTML.
					return re.NotFoundError("", nil)
				}
				if strings.HasPrefix(path, "_app/immutable/") {
					re.Response.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					re.Response.Header().Set("Cache-Control", "no-cache")
				}
				return static(re)
			})
			return e.Next()
		},
	})
}
