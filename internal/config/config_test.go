package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"govdesk/internal/app"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad_Order(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "g.toml")
	os.WriteFile(file, []byte("db = \"sqlite:file.db\"\naddr = \"0.0.0.0:9000\"\n[sla]\nclock = \"workdays\"\n[login]\nwindow = \"5m\"\n"), 0o644)
	c, err := Load(env(map[string]string{"GOVDESK_CONFIG": file, "GOVDESK_DB": "postgres://u@h/db", "GOVDESK_LOGIN_MAX_FAILURES": "3"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://u@h/db" || c.Addr != "0.0.0.0:9000" || c.SLA.Clock != "workdays" || c.Login.MaxFailures != 3 ||
		c.Login.Window.Duration != 5*time.Minute || c.Session.TTL.Duration != 12*time.Hour {
		t.Fatalf("unexpected config %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("db = \n"), 0o644)
	unknown := filepath.Join(dir, "unknown.toml")
	os.WriteFile(unknown, []byte("colour = \"red\"\n"), 0o644)
	for name, m := range map[string]map[string]string{
		"missing file": {"GOVDESK_CONFIG": filepath.Join(dir, "none.toml")},
		"syntax":       {"GOVDESK_CONFIG": bad},
		"unknown key":  {"GOVDESK_CONFIG": unknown},
		"bad duration": {"GOVDESK_SESSION_TTL": "soon"},
		"bad int":      {"GOVDESK_LOGIN_MAX_FAILURES": "many"},
	} {
		if _, err := Load(env(m)); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}

func TestValidate(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	c.DB = "mysql://x"
	c.SLA.Clock = "sometimes"
	c.SLA.WorkingPeriods = "12:00-08:00"
	if err := c.Validate(); app.ErrorCode(err) != app.EInvalid {
		t.Fatalf("Validate = %v, want invalid", err)
	}
}

// Every key of the file has its environment variable, and each variable refuses
// a value of the wrong type instead of ignoring it.
func TestLoad_EveryKeyHasItsVariable(t *testing.T) {
	names := EnvNames()
	want := map[string]bool{"GOVDESK_DB": true, "GOVDESK_SLA_CLOCK": true, "GOVDESK_ASSETS_HEADCOUNT": true,
		"GOVDESK_ASSETS_HEARTBEAT_TIMEOUT": true, "GOVDESK_HOTLINE_REVIEW_CLOSES_CONSULT": true,
		"GOVDESK_RECTIFY_VERIFY_DAYS": true, "GOVDESK_RECTIFY_DAYS": true, "GOVDESK_LOGIN_MAX_FAILURES": true}
	for _, n := range names {
		delete(want, n)
	}
	if len(want) > 0 {
		t.Fatalf("variables missing: %v (have %v)", want, names)
	}
	c, err := Load(env(map[string]string{"GOVDESK_ASSETS_HEADCOUNT": "42", "GOVDESK_ASSETS_HEARTBEAT_TIMEOUT": "20m",
		"GOVDESK_HOTLINE_REVIEW_CLOSES_CONSULT": "true"}))
	if err != nil || c.Assets.Headcount != 42 || c.Assets.HeartbeatTimeout.Duration != 20*time.Minute || !c.Hotline.ReviewClosesConsult {
		t.Fatalf("Load = %+v, %v", c, err)
	}
	for _, n := range names {
		c, err := Load(env(map[string]string{n: "abc"}))
		// Strings take any value (Validate judges them); numbers, durations and switches refuse "abc".
		if err == nil && c.Validate() == nil && n != "GOVDESK_HOTLINE_SENSITIVE_UNITS" {
			t.Errorf("%s=abc accepted silently", n)
		}
	}
}
