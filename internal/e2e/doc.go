// Package e2e holds govdesk's end-to-end tests: the whole HTTP handler, as serve
// runs it, over a real database, driven through the JSON API and through a real
// headless Chromium (Debian's chromium, driven by chromedp; nothing is downloaded).
//
// Browser tests skip when /usr/bin/chromium is absent, unless
// GOVDESK_TEST_BROWSER_REQUIRED=1 (CI sets it), when they fail instead.
package e2e
